/**
 * Where a JSON text first breaks. Only called after JSON.parse has failed, because Node's own
 * message gives no position for some errors (an unquoted word, for example).
 */

const LITERALS = ['true', 'false', 'null'];
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** The offset of the first character that makes `text` invalid JSON, or -1 when it is valid. */
export function jsonSyntaxErrorOffset(text: string): number {
  let at = 0;
  const broken = (): never => {
    throw new SyntaxAt(at);
  };
  const space = () => {
    while (at < text.length && ' \t\n\r'.includes(text.charAt(at))) at += 1;
  };
  const expect = (char: string) => {
    space();
    if (text.charAt(at) !== char) broken();
    at += 1;
  };
  const string = () => {
    at += 1;
    while (at < text.length) {
      const char = text.charAt(at);
      if (char === '"') {
        at += 1;
        return;
      }
      if (char < ' ') broken();
      at += char === '\\' ? 2 : 1;
    }
    broken();
  };
  const value = (): void => {
    space();
    const char = text.charAt(at);
    if (char === '"') {
      string();
      return;
    }
    if (char === '{' || char === '[') {
      container(char === '{' ? '}' : ']');
      return;
    }
    NUMBER.lastIndex = at;
    if (NUMBER.test(text)) {
      at = NUMBER.lastIndex;
      return;
    }
    const literal = LITERALS.find((word) => text.startsWith(word, at));
    if (!literal) broken();
    at += literal?.length ?? 0;
  };
  const container = (close: string) => {
    at += 1;
    space();
    if (text.charAt(at) === close) {
      at += 1;
      return;
    }
    for (;;) {
      if (close === '}') {
        space();
        if (text.charAt(at) !== '"') broken();
        string();
        expect(':');
      }
      value();
      space();
      const next = text.charAt(at);
      at += 1;
      if (next === close) return;
      if (next !== ',') {
        at -= 1;
        broken();
      }
    }
  };

  try {
    value();
    space();
    return at < text.length ? at : -1;
  } catch (error) {
    if (error instanceof SyntaxAt) return error.offset;
    return text.length;
  }
}

class SyntaxAt {
  constructor(readonly offset: number) {}
}
