import type { ClientRuntime } from './client-types.ts'
import { createInspector } from './inspector.ts'
import type { Inspector } from './inspector.ts'

/**
 * The inspector of a client, attached on first use: where tools such as `MizanDevtools` watch
 * its writes, the flushes a bridge applied and its bundled read requests. Imported on its own,
 * so that an app that inspects nothing ships none of it.
 *
 * @example
 * const stop = inspect(client).subscribe((event) => console.log(event.type, event), inspectTracers)
 */
export function inspect(client: Pick<ClientRuntime, '$tools' | '$connection'>): Inspector {
  return (client.$tools.inspector ??= createInspector(client.$connection.url))
}
