/** Asks the operator where to save a file (main: Electron's save dialog); null when cancelled. */
export type ChooseSavePath = (defaultName: string) => Promise<string | null>;

/** Where the operator chose to save, and then writes the file there; nothing is written when the dialog was cancelled. */
export async function saveWhereChosen(
  chooseSavePath: ChooseSavePath,
  defaultName: string,
  write: (path: string) => Promise<void>,
): Promise<{ saved: boolean; path: string | null }> {
  const target = await chooseSavePath(defaultName);
  if (!target) return { saved: false, path: null };
  await write(target);
  return { saved: true, path: target };
}
