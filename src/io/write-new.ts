import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * Create a file that must not exist yet, atomically: the content goes to a temporary file in the same
 * folder, flushed, then is hard-linked to its name, which fails when the name is taken. Readers never see a
 * half-written file and an existing file is never touched. Resolves to false when the file already exists.
 */
export async function writeNew(file: string, content: string): Promise<boolean> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const h = await fs.open(tmp, 'wx');
  try {
    await h.writeFile(content, 'utf8');
    await h.sync();
  } finally {
    await h.close();
  }
  try {
    await fs.link(tmp, file);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // file systems without hard links (some network and FAT mounts): exclusive create, still never clobbering
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') {
      try {
        await fs.writeFile(file, content, { encoding: 'utf8', flag: 'wx' });
        return true;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw e;
      }
    }
    throw err;
  } finally {
    await fs.rm(tmp, { force: true });
  }
}
