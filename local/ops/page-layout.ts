/** The frame every page shares: title, navigation, the stylesheet and the page's own scripts. */
import { type Html, type HtmlPart, html } from './html';

export const SECTIONS = {
  executions: { href: '/executions', label: 'Executions' },
  queue: { href: '/queue', label: 'Manual queue' },
  outbox: { href: '/outbox', label: 'Outbox' },
  metrics: { href: '/metrics', label: 'Metrics' },
} as const;

export type Section = keyof typeof SECTIONS;

export interface PageParts {
  title: string;
  section: Section;
  body: HtmlPart;
  /** Paths of scripts served by the page's own server (never inline: the policy forbids it). */
  scripts?: string[];
}

export function layout(parts: PageParts): Html {
  const nav = Object.entries(SECTIONS).map(
    ([key, { href, label }]) =>
      html`<a href="${href}"${key === parts.section ? html` aria-current="page"` : ''}>${label}</a>`,
  );
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${parts.title} · Operations · voice call automation</title>
<link rel="stylesheet" href="/assets/ops.css">
<link rel="stylesheet" href="/assets/state-graph.css">
${(parts.scripts ?? []).map((src) => html`<script src="${src}" defer></script>`)}
</head>
<body>
<header class="top">
<span class="brand">Voice call automation · local operations</span>
<nav>${nav}</nav>
</header>
<main>
<h1>${parts.title}</h1>
${parts.body}
</main>
</body>
</html>
`;
}
