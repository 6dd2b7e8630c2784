import { z } from 'zod';

/**
 * The `name` param of a pipeline input or output node. The CLI and the API pass values by this
 * name (`--input photo=@a.jpg`), so it is kept to characters that need no quoting there.
 */
export function ioName(defaultName: string) {
  return (
    z
      .string()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, {
        message: 'use letters, digits, `_`, `.` or `-`, starting with a letter or `_`',
      })
      // Runs pass values in objects keyed by name, where `__proto__` is not a key but the prototype.
      .refine((name) => name !== '__proto__', 'the name `__proto__` is reserved; pick another')
      .default(defaultName)
      .meta({ title: 'Name', description: 'The name a run uses for this value.' })
  );
}
