import type { Schema } from '../api/types.ts';
import { useElementWidth } from '../hooks/useElementWidth.ts';
import { useI18n } from '../i18n/useI18n.ts';
import { formatLimit } from './labels.ts';

export type Flow = Schema<'ProcessFlow'>;
type Node = Flow['nodes'][number];

/** Box sizes and gaps (between consecutive steps, between parallel ones) of the three layouts. */
interface Layout {
  vertical: boolean;
  w: number;
  h: number;
  stepGap: number;
  branchGap: number;
}
const WIDE: Layout = { vertical: false, w: 168, h: 76, stepGap: 52, branchGap: 16 };
const COMPACT: Layout = { vertical: false, w: 128, h: 76, stepGap: 28, branchGap: 12 };
const TALL: Layout = { vertical: true, w: 150, h: 76, stepGap: 52, branchGap: 16 };
const lengthOf = (flow: Flow, l: Layout) => flow.columns * (l.w + l.stepGap) - l.stepGap;

/** Left to right when the flow fits the width (with smaller boxes if need be), else top to bottom. */
function chooseLayout(flow: Flow, available: number): Layout {
  if (!available) return WIDE;
  return [WIDE, COMPACT].find((l) => lengthOf(flow, l) + 8 <= available) ?? TALL;
}

interface Box {
  node: Node;
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * Places the steps: the flow runs left to right or top to bottom; parallel
 * branches (steps in the same column) sit side by side across the flow.
 */
function place(flow: Flow, l: Layout): { boxes: Map<string, Box>; width: number; height: number } {
  const { vertical, w, h } = l;
  const perColumn = new Map<number, number>();
  for (const n of flow.nodes) perColumn.set(n.column, Math.max(perColumn.get(n.column) ?? 0, n.row + 1));
  const across = Math.max(1, ...perColumn.values());
  const along = vertical ? h : w;
  const side = vertical ? w : h;
  const span = (k: number) => k * side + (k - 1) * l.branchGap;
  const boxes = new Map<string, Box>();
  for (const node of flow.nodes) {
    const offset = (span(across) - span(perColumn.get(node.column) ?? 1)) / 2;
    const a = node.column * (along + l.stepGap);
    const b = offset + node.row * (side + l.branchGap);
    boxes.set(node.id, vertical ? { node, x: b, y: a, w, h } : { node, x: a, y: b, w, h });
  }
  const length = flow.columns * (along + l.stepGap) - l.stepGap;
  return vertical
    ? { boxes, width: span(across), height: length }
    : { boxes, width: length, height: span(across) };
}

function edgePath(from: Box, to: Box, vertical: boolean): string {
  if (vertical) {
    const [x1, y1, x2, y2] = [from.x + from.w / 2, from.y + from.h, to.x + to.w / 2, to.y - 2];
    const my = (y1 + y2) / 2;
    return `M${x1},${y1} C${x1},${my} ${x2},${my} ${x2},${y2}`;
  }
  const [x1, y1, x2, y2] = [from.x + from.w, from.y + from.h / 2, to.x - 2, to.y + to.h / 2];
  const mx = (x1 + x2) / 2;
  return `M${x1},${y1} C${mx},${y1} ${mx},${y2} ${x2},${y2}`;
}

/** 办理流程图: the steps the guide API lays out (columns, rows), with parallel branches drawn dashed. */
export function FlowChart({ flow, highlight = [] }: { flow: Flow; highlight?: string[] }) {
  const { t } = useI18n();
  const [ref, available] = useElementWidth<HTMLDivElement>();
  const layout = chooseLayout(flow, available);
  const vertical = layout.vertical;
  const { boxes, width, height } = place(flow, layout);
  const order = new Map(flow.nodes.map((n, i) => [n.id, i + 1]));
  const hasParallel = flow.edges.some((e) => e.parallel);

  return (
    <figure className="flow" aria-label={t('flow.label')}>
      <div className="flow-scroll" ref={ref}>
        <div className="flow-canvas" style={{ width, height }}>
          <svg width={width} height={height} aria-hidden className="flow-edges">
            <defs>
              <marker
                id="flow-arrow"
                viewBox="0 0 10 10"
                refX="9"
                refY="5"
                markerWidth="7"
                markerHeight="7"
                orient="auto"
              >
                <path d="M0,0 L10,5 L0,10 z" />
              </marker>
            </defs>
            {flow.edges.map((e) => {
              const from = boxes.get(e.from);
              const to = boxes.get(e.to);
              if (!from || !to) return null;
              return (
                <path
                  key={`${e.from}-${e.to}`}
                  d={edgePath(from, to, vertical)}
                  className={e.parallel ? 'flow-edge parallel' : 'flow-edge'}
                  markerEnd="url(#flow-arrow)"
                />
              );
            })}
          </svg>
          {[...boxes.values()].map(({ node, x, y, w, h }) => (
            <div
              key={node.id}
              className={`flow-node${highlight.includes(node.id) ? ' current' : ''}`}
              style={{ left: x, top: y, width: w, height: h }}
              title={`${node.name} · ${node.assignee}`}
              data-step={node.id}
            >
              <span className="flow-no">{order.get(node.id)}</span>
              <strong>{node.name}</strong>
              <span className="flow-who">{node.assignee}</span>
              {node.limit && <span className="flow-limit">{formatLimit(t, node.limit)}</span>}
              {node.fork && <span className="flow-badge">{t('flow.fork')}</span>}
              {node.join && <span className="flow-badge">{t('flow.join')}</span>}
            </div>
          ))}
        </div>
      </div>
      <figcaption className="flow-legend">
        <span className="flow-key serial">{t('flow.serial')}</span>
        {hasParallel && <span className="flow-key parallel">{t('flow.parallel')}</span>}
      </figcaption>
    </figure>
  );
}
