/**
 * Draws a state graph laid out by ELK as SVG, the path of one execution marked: states entered,
 * retried, caught and failed, and the transitions taken. Each state links to its step details.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkEdgeSection, ElkNode } from 'elkjs/lib/elk-api';
import { type Html, html } from './html';
import type { StateGraph } from './state-graph';
import type { PathMarks, StateMark } from './state-marks';

const elk = new ELK();

export async function stateGraphSvg(graph: StateGraph, marks: PathMarks): Promise<Html> {
  const laid = await elk.layout(structuredClone(graph.root));
  const width = Math.ceil(laid.width ?? 0);
  const height = Math.ceil(laid.height ?? 0);
  return html`<svg class="state-graph" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="State machine graph">
<defs>
<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrow-head"/></marker>
<marker id="arrow-taken" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrow-head taken"/></marker>
</defs>
${contents(laid, graph, marks)}
</svg>`;
}

/** A container's edges first (under the boxes), then its nodes. */
function contents(container: ElkNode, graph: StateGraph, marks: PathMarks): Html {
  const edges = (container.edges ?? []).map((edge) => {
    const taken = marks.takenEdges.has(edge.id ?? '');
    const kind = graph.edges.get(edge.id ?? '')?.kind ?? 'next';
    return (edge.sections ?? []).map(
      (section) =>
        html`<path class="edge ${kind}${taken ? ' taken' : ''}" d="${pathOf(section)}" marker-end="url(#${taken ? 'arrow-taken' : 'arrow'})"/>`,
    );
  });
  const nodes = (container.children ?? []).map((child) => node(child, graph, marks));
  return html`${edges}${nodes}`;
}

function node(child: ElkNode, graph: StateGraph, marks: PathMarks): Html {
  const x = round(child.x);
  const y = round(child.y);
  const width = round(child.width);
  const height = round(child.height);
  const caption = graph.groups.get(child.id);
  if (caption !== undefined) {
    return html`<g class="group" transform="translate(${x},${y})"><rect width="${width}" height="${height}" rx="6"/><text class="caption" x="8" y="18">${caption}</text>${contents(child, graph, marks)}</g>`;
  }

  const state = graph.states.get(child.id);
  if (!state) return html``;
  const mark = marks.states.get(child.id);
  const classes = ['state', state.type.toLowerCase(), ...markClasses(mark)].join(' ');
  const title = html`<title>${state.name} (${state.type})${describe(mark)}</title>`;
  const retries =
    mark && mark.retries > 0
      ? html`<g class="retries" transform="translate(${width - 6},0)"><circle r="9"/><text y="4" text-anchor="middle">${mark.retries}</text></g>`
      : '';

  if (child.children && child.children.length > 0) {
    return html`<g class="${classes} box" data-state="${state.name}" transform="translate(${x},${y})">${title}<a href="#step-${state.name}"><rect width="${width}" height="${height}" rx="8"/><text class="caption" x="10" y="19">${state.name}</text></a>${retries}${contents(child, graph, marks)}</g>`;
  }
  const label = html`<text x="${round(width / 2)}" y="${round(height / 2 + 4)}" text-anchor="middle">${state.name}</text>`;
  if (state.type === 'Start' || state.type === 'End') {
    return html`<g class="${classes} marker" transform="translate(${x},${y})">${title}<rect width="${width}" height="${height}" rx="${round(height / 2)}"/>${label}</g>`;
  }
  return html`<g class="${classes}" data-state="${state.name}" transform="translate(${x},${y})">${title}<a href="#step-${state.name}"><rect width="${width}" height="${height}" rx="6"/>${label}</a>${retries}</g>`;
}

function markClasses(mark: StateMark | undefined): string[] {
  if (!mark) return [];
  return [
    ...(mark.entered ? ['entered'] : []),
    ...(mark.retries > 0 ? ['retried'] : []),
    ...(mark.caught ? ['caught'] : []),
    ...(mark.failed ? ['failed'] : []),
  ];
}

function describe(mark: StateMark | undefined): string {
  if (!mark?.entered) return ': not entered';
  const parts = ['entered'];
  if (mark.retries > 0) parts.push(`${mark.retries} ${mark.retries === 1 ? 'retry' : 'retries'}`);
  if (mark.caught) parts.push('error caught');
  if (mark.failed) parts.push('failed');
  return `: ${parts.join(', ')}`;
}

function pathOf(section: ElkEdgeSection): string {
  const points = [section.startPoint, ...(section.bendPoints ?? []), section.endPoint];
  return points
    .map((point, index) => `${index === 0 ? 'M' : 'L'}${round(point.x)},${round(point.y)}`)
    .join(' ');
}

function round(value: number | undefined): number {
  return Math.round((value ?? 0) * 10) / 10;
}
