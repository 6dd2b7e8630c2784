import type { EditorNode } from './types.ts';

interface Size {
  width: number;
  height: number;
}

/** About the size of a new node before React Flow has measured it. */
export const NEW_NODE_SIZE: Size = { width: 230, height: 110 };
const GAP = 20;

function sizeOf(node: EditorNode): Size {
  return {
    width: node.measured?.width ?? node.width ?? NEW_NODE_SIZE.width,
    height: node.measured?.height ?? node.height ?? NEW_NODE_SIZE.height,
  };
}

/**
 * Where a new node dropped at `at` goes: right there, or straight below the nodes it would
 * otherwise cover, so a drop never hides a node.
 */
export function freeSpot(
  at: { x: number; y: number },
  nodes: readonly EditorNode[],
  size: Size = NEW_NODE_SIZE,
): { x: number; y: number } {
  const spot = { ...at };
  // Each step moves below one node, so this ends after at most one step per node.
  for (let step = 0; step <= nodes.length; step++) {
    const covered = nodes.find((node) => {
      const other = sizeOf(node);
      return (
        spot.x < node.position.x + other.width + GAP &&
        node.position.x < spot.x + size.width + GAP &&
        spot.y < node.position.y + other.height + GAP &&
        node.position.y < spot.y + size.height + GAP
      );
    });
    if (!covered) return spot;
    spot.y = covered.position.y + sizeOf(covered).height + GAP;
  }
  return spot;
}
