/** Uploads the report files as one workflow artifact, so reviewers can download the HTML report. */
import { DefaultArtifactClient } from '@actions/artifact';
import * as core from '@actions/core';

export async function uploadReports(name: string, files: string[], rootDirectory: string): Promise<void> {
  const { id, size } = await new DefaultArtifactClient().uploadArtifact(name, files, rootDirectory);
  core.info(`Uploaded artifact ${JSON.stringify(name)} (id ${id}, ${size} bytes)`);
}
