/** Uploads the report files as one workflow artifact, so reviewers can download the HTML report. */
import { DefaultArtifactClient } from '@actions/artifact';
import { logLine } from '../github/log.js';

/** The artifact client retries what is worth retrying itself; what reaches here is final, and says what was already done. */
export async function uploadReports(name: string, files: string[], rootDirectory: string): Promise<void> {
  let uploaded: { id?: number; size?: number };
  try {
    uploaded = await new DefaultArtifactClient().uploadArtifact(name, files, rootDirectory);
  } catch (error) {
    throw new Error(
      `uploading the reports as artifact ${JSON.stringify(name)} failed: ${(error as Error).message}. The check itself is done: its outputs are set and the reports are in ${rootDirectory}; re-run the job to upload them`,
      { cause: error },
    );
  }
  logLine(`Uploaded artifact ${JSON.stringify(name)} (id ${uploaded.id}, ${uploaded.size} bytes)`);
}
