/** The value types a port can carry. */
export const PORT_TYPES = ['text', 'number', 'boolean', 'json', 'image', 'any'] as const;
export type PortType = (typeof PORT_TYPES)[number];

/** One input or output of a node type. A port id is also its React Flow handle id. */
export interface PortSpec {
  id: string;
  type: PortType;
  /** Shown on the handle; the id when absent. */
  label?: string;
  description?: string;
  /** An optional input may stay unconnected; the node then sees `undefined`. */
  optional?: boolean;
  /**
   * When an input is not connected, the value of this param is used instead (a "widget" in
   * ComfyUI's words). An input with a fallback param counts as given when that param is set.
   */
  param?: string;
}

/**
 * Whether a value of type `from` may flow into an input of type `to`: `text` also takes numbers
 * and booleans (converted), `json` takes anything but an image, `any` takes everything.
 */
export function canConnect(from: PortType, to: PortType): boolean {
  if (from === to || to === 'any' || from === 'any') return true;
  if (to === 'text') return from === 'number' || from === 'boolean';
  if (to === 'json') return from !== 'image';
  return false;
}
