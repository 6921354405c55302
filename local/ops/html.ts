/**
 * HTML from template literals: every interpolated value is escaped unless it is HTML built the
 * same way, so that no text from a call, an e-mail or a queue message can become markup.
 */
import { escapeHtml } from '../../functions/core/html';

export class Html {
  constructor(readonly text: string) {}

  toString(): string {
    return this.text;
  }
}

export type HtmlPart = Html | string | number | boolean | null | undefined | HtmlPart[];

export function html(strings: TemplateStringsArray, ...values: HtmlPart[]): Html {
  let text = strings[0] ?? '';
  values.forEach((value, index) => {
    text += render(value) + (strings[index + 1] ?? '');
  });
  return new Html(text);
}

function render(value: HtmlPart): string {
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  if (value instanceof Html) return value.text;
  return escapeHtml(String(value));
}

/** Only web links may become an `href`: a `javascript:` or `data:` link in an e-mail stays text. */
export function isWebLink(link: string): boolean {
  try {
    const { protocol } = new URL(link);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
