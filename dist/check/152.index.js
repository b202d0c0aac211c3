export const id = 152;
export const ids = [152];
export const modules = {

/***/ 83152:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  downloadBaseline: () => (/* binding */ downloadBaseline)
});

// EXTERNAL MODULE: ./node_modules/@actions/artifact/lib/artifact.js + 303 modules
var lib_artifact = __webpack_require__(9645);
// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js
var github = __webpack_require__(61351);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(74296);
// EXTERNAL MODULE: ./src/io/formats.ts + 32 modules
var formats = __webpack_require__(1335);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(46466);
// EXTERNAL MODULE: ./node_modules/yauzl/index.js
var yauzl = __webpack_require__(20663);
;// CONCATENATED MODULE: ./src/io/unzip.ts
/**
 * Safe extraction of a zip archive (a downloaded artifact) into a directory. yauzl already rejects
 * absolute names and `..` segments when it decodes entry names; we also check that every resolved
 * destination stays inside the target, refuse symbolic links, and never follow one that is already there,
 * so a hostile archive cannot write outside the directory it is extracted to.
 */






/** Extracts `zipPath` into `target`; returns the absolute paths of the files written. */
async function extractZip(zipPath, target) {
    const root = (0,external_node_path_.resolve)(target);
    await (0,promises_.mkdir)(root, { recursive: true });
    let zip;
    try {
        zip = await yauzl.openPromise(zipPath, { lazyEntries: true, strictFileNames: true });
    }
    catch (error) {
        throw new errors/* InputError */.d(`not a readable zip archive: ${error.message}`, { file: zipPath });
    }
    const written = [];
    try {
        for (;;) {
            const entry = await nextEntry(zip);
            if (!entry)
                break;
            const destination = (0,external_node_path_.resolve)(root, entry.fileName);
            const inside = (0,external_node_path_.relative)(root, destination);
            const isDirectory = entry.fileName.endsWith('/');
            // Some archivers record the root itself as `./`.
            if (inside === '' && isDirectory)
                continue;
            // `..` as a whole segment only: `..data.csv` is an ordinary name.
            if (inside === '' || inside === '..' || inside.startsWith(`..${external_node_path_.sep}`) || (0,external_node_path_.isAbsolute)(inside)) {
                throw new errors/* InputError */.d(`archive entry ${JSON.stringify(entry.fileName)} would be written outside ${root}; refusing to extract`, {
                    file: zipPath,
                });
            }
            if (isSymbolicLink(entry)) {
                throw new errors/* InputError */.d(`archive entry ${JSON.stringify(entry.fileName)} is a symbolic link; refusing to extract`, { file: zipPath });
            }
            await refuseLinkedDirectories(root, isDirectory ? inside : (0,external_node_path_.dirname)(inside), entry.fileName, zipPath);
            if (isDirectory) {
                await (0,promises_.mkdir)(destination, { recursive: true });
                continue;
            }
            await (0,promises_.mkdir)((0,external_node_path_.dirname)(destination), { recursive: true });
            // `wx`: never overwrite, and never write through a link an earlier entry might have left.
            await (0,external_node_stream_promises_.pipeline)(await zip.openReadStreamPromise(entry), (0,external_node_fs_.createWriteStream)(destination, { flags: 'wx' }));
            written.push(destination);
        }
    }
    catch (error) {
        if (error instanceof errors/* InputError */.d)
            throw error;
        const reason = error.message;
        // yauzl refuses an absolute or climbing name while decoding it, before it is ever an entry to check.
        if (/^(?:invalid relative path|absolute path): /.test(reason))
            throw new errors/* InputError */.d(`${reason}: the entry would be written outside ${root}; refusing to extract`, { file: zipPath });
        throw new errors/* InputError */.d(`could not extract the archive: ${reason}; it may be damaged: upload it again, then re-run this job`, {
            file: zipPath,
        });
    }
    finally {
        zip.close();
    }
    return written;
}
function nextEntry(zip) {
    return new Promise((resolveEntry, reject) => {
        const onEntry = (entry) => {
            cleanup();
            resolveEntry(entry);
        };
        const onEnd = () => {
            cleanup();
            resolveEntry(undefined);
        };
        const onError = (error) => {
            cleanup();
            reject(error);
        };
        const cleanup = () => {
            zip.off('entry', onEntry);
            zip.off('end', onEnd);
            zip.off('error', onError);
        };
        zip.on('entry', onEntry);
        zip.on('end', onEnd);
        zip.on('error', onError);
        zip.readEntry();
    });
}
/**
 * `wx` only guards the last path component; a directory on the way that is a symbolic link (left in the
 * target before we started) would carry the write, and the `mkdir` before it, wherever it points.
 */
async function refuseLinkedDirectories(root, directory, entryName, zipPath) {
    let path = root;
    for (const segment of directory === '.' ? [] : directory.split(external_node_path_.sep)) {
        path = (0,external_node_path_.join)(path, segment);
        let isLink;
        try {
            isLink = (await (0,promises_.lstat)(path)).isSymbolicLink();
        }
        catch (error) {
            // What does not exist yet, we create ourselves, as real directories.
            if (error.code === 'ENOENT')
                return;
            throw error;
        }
        if (isLink) {
            throw new errors/* InputError */.d(`archive entry ${JSON.stringify(entryName)} would be written through the symbolic link ${path}; refusing to extract`, { file: zipPath });
        }
    }
}
/** Unix mode bits live in the high half of the external attributes; 0o120000 marks a symbolic link. */
function isSymbolicLink(entry) {
    return ((entry.externalFileAttributes >>> 16) & 0o170000) === 0o120000;
}

;// CONCATENATED MODULE: ./src/github/retry.ts
const DEFAULT_RETRY_POLICY = {
    retries: 4,
    baseDelayMs: 1000,
    maxDelayMs: 5 * 60_000,
    // GitHub ends API requests that take it over 10 s itself; the rest is room for a 32 MiB blob upload.
    timeoutMs: 60_000,
    deadline: (timeoutMs) => AbortSignal.timeout(timeoutMs),
    sleep: (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds)),
};
/**
 * A request that kept failing for a passing reason until the retries ran out (or GitHub asked for a longer
 * wait than we make). It keeps the last answer's status and response, so callers that tolerate a failed
 * request (labels, reviewers) still recognize it as GitHub's answer.
 */
class GitHubUnavailableError extends Error {
    status;
    response;
    name = 'GitHubUnavailableError';
    constructor(message, status, response, options) {
        super(message, options);
        this.status = status;
        this.response = response;
    }
}
const SECONDARY_LIMIT_WAIT_MS = 60_000;
/** How long to wait before trying `error`'s request again, or undefined when it should not be retried. */
function retryDelay(error, attempt, policy, now = Date.now()) {
    const { status, message = '', response } = (error ?? {});
    if (typeof status !== 'number')
        return undefined;
    const headers = response?.headers ?? {};
    const retryAfter = Number(headers['retry-after']);
    const asked = Number.isFinite(retryAfter) && headers['retry-after'] !== undefined ? retryAfter * 1000 : undefined;
    const backoff = policy.baseDelayMs * 2 ** attempt;
    if (status >= 500 || status === 429)
        return asked ?? backoff;
    if (status !== 403)
        return undefined;
    if (String(headers['x-ratelimit-remaining']) === '0' && headers['x-ratelimit-reset'] !== undefined) {
        return asked ?? Math.max(0, Number(headers['x-ratelimit-reset']) * 1000 - now) + 1000;
    }
    if (asked !== undefined)
        return asked;
    if (/secondary rate limit/i.test(message))
        return Math.max(SECONDARY_LIMIT_WAIT_MS, backoff);
    return undefined;
}
/**
 * An Octokit plugin. The client option `retryPolicy` replaces parts of the policy (tests shorten the
 * waits); each retry is reported through the client's `log.warn`.
 */
const retryOnPassingFailures = (octokit, options) => {
    const policy = { ...DEFAULT_RETRY_POLICY, ...options.retryPolicy };
    octokit.hook.wrap('request', async (request, requestOptions) => {
        const route = `${requestOptions.method} ${requestOptions.url}`;
        for (let attempt = 0;; attempt++) {
            const deadline = policy.deadline(policy.timeoutMs);
            // The hooks inside this one get the options object this one got, whatever is passed to `request`, so
            // it is changed in place; `request` may be the client's shared defaults, so it is replaced, not edited.
            requestOptions.request = { ...requestOptions.request, signal: deadline };
            try {
                return await request(requestOptions);
            }
            catch (error) {
                const what = deadline.aborted
                    ? `GitHub gave no answer to ${route} within ${seconds(policy.timeoutMs)}`
                    : describeFailure(error, route);
                const delay = retryDelay(error, attempt, policy);
                if (delay === undefined)
                    throw error;
                if (attempt >= policy.retries)
                    throw unavailable(error, `${what}, ${attempt + 1} times in a row`);
                if (delay > policy.maxDelayMs)
                    throw unavailable(error, `${what} and asked to wait ${seconds(delay)}, longer than the ${seconds(policy.maxDelayMs)} driftgate waits`);
                octokit.log.warn(`${what}; retrying in ${seconds(delay)}`);
                await policy.sleep(delay);
            }
        }
    });
};
/** What went wrong, in words: GitHub's answer, or the connection's failure (which octokit files as a 500 without a response). */
function describeFailure(error, route) {
    if (error.response === undefined)
        return `the connection to GitHub failed during ${route} (${error.message})`;
    return `GitHub answered ${error.status} to ${route}`;
}
function unavailable(error, message) {
    return new GitHubUnavailableError(message, error.status, error.response, { cause: error });
}
function seconds(milliseconds) {
    return `${Math.ceil(milliseconds / 1000)} s`;
}

// EXTERNAL MODULE: ./src/github/log.ts
var log = __webpack_require__(53385);
// EXTERNAL MODULE: ./src/github/secrets.ts
var secrets = __webpack_require__(298);
;// CONCATENATED MODULE: ./src/action/baseline-artifact.ts
/**
 * Fetching the baseline from a workflow artifact: of this run, of a given run, or of the newest successful
 * run of a workflow on a branch. The archive is downloaded as it is and extracted by our own safe
 * extractor (the client's built-in extraction does not stop entries escaping the target directory).
 */











/** Downloads and extracts the artifact; returns the data files it holds. */
async function downloadBaseline(artifact, token) {
    const client = new lib_artifact/* DefaultArtifactClient */.t9();
    const work = await (0,promises_.mkdtemp)((0,external_node_path_.join)(process.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(), 'driftgate-baseline-'));
    const archiveDir = (0,external_node_path_.join)(work, 'archive');
    const { owner, repo } = github/* context */._.repo;
    let id;
    let digest;
    let findBy;
    let where;
    if (artifact.runId === undefined) {
        where = `this workflow run (${github/* context */._.runId})`;
        try {
            ({ id, digest } = (await client.getArtifact(artifact.name)).artifact);
        }
        catch (error) {
            if (error instanceof lib_artifact/* ArtifactNotFoundError */.CL) {
                throw new errors/* InputError */.d(`no artifact named ${JSON.stringify(artifact.name)} in ${where}. Upload it in an earlier job of this run (actions/upload-artifact), or set baseline-run-id to a run that has it (a run id, or "latest" with baseline-workflow).`);
            }
            throw error;
        }
    }
    else {
        if (!token)
            throw new errors/* InputError */.d('github-token is required to read artifacts of another workflow run (it needs the actions: read permission)');
        // @actions/github retries nothing; the plugin does, and logs each retry as a plain line.
        const octokit = github/* getOctokit */.Q(token, { log: secrets/* redactingLog */.KR }, retryOnPassingFailures);
        const runId = artifact.runId === 'latest' ? await latestSuccessfulRun(octokit, owner, repo, artifact.workflow, artifact.branch) : artifact.runId;
        where = `workflow run ${runId} of ${owner}/${repo}`;
        ({ id, digest } = await findArtifactInRun(octokit, owner, repo, runId, artifact.name, where));
        findBy = { token, workflowRunId: runId, repositoryOwner: owner, repositoryName: repo };
    }
    (0,log/* logLine */.BP)(`Downloading artifact ${JSON.stringify(artifact.name)} (id ${id}) from ${where}`);
    const { digestMismatch } = await client.downloadArtifact(id, {
        path: archiveDir,
        skipDecompress: true,
        ...(digest ? { expectedHash: digest } : {}),
        ...(findBy ? { findBy } : {}),
    });
    // The client only reports a mismatch; a corrupted or altered archive must not become the baseline.
    if (digestMismatch) {
        throw new Error(`the archive of artifact ${JSON.stringify(artifact.name)} downloaded from ${where} does not match the digest GitHub recorded for it (${digest}); rerun the job to download it again`);
    }
    const archives = await (0,promises_.readdir)(archiveDir);
    if (archives.length !== 1)
        throw new Error(`expected one downloaded archive in ${archiveDir}, found ${archives.length}`);
    const files = await extractZip((0,external_node_path_.join)(archiveDir, archives[0]), (0,external_node_path_.join)(work, 'files'));
    const data = files.filter(formats/* isDataFile */.vM).sort();
    if (data.length === 0) {
        throw new errors/* InputError */.d(`artifact ${JSON.stringify(artifact.name)} from ${where} holds no data file (${(0,formats/* dataExtensions */.x$)()}, optionally ${formats/* GZIP */.Pb.extension}); it has: ${files.map((file) => file.slice(work.length + 7)).join(', ') || 'nothing'}`);
    }
    // Quoted: names in an archive are anyone's text.
    (0,log/* logLine */.BP)(`Baseline files: ${data.map((file) => JSON.stringify(file.slice(work.length + 7))).join(', ')}`);
    return data;
}
async function latestSuccessfulRun(octokit, owner, repo, workflow, branch) {
    const { data } = await octokit.rest.actions
        .listWorkflowRuns({ owner, repo, workflow_id: workflow, status: 'success', per_page: 1, ...(branch ? { branch } : {}) })
        .catch(whenNotFound(`workflow ${JSON.stringify(workflow)} not found in ${owner}/${repo}; baseline-workflow takes the workflow's file name (e.g. train.yml) or its id, and the token needs the actions: read permission`));
    const run = data.workflow_runs[0];
    if (!run) {
        throw new errors/* InputError */.d(`no successful run of workflow ${JSON.stringify(workflow)}${branch ? ` on branch ${JSON.stringify(branch)}` : ''} in ${owner}/${repo}; run it once (it must upload the baseline artifact), or give baseline-run-id explicitly`);
    }
    (0,log/* logLine */.BP)(`Newest successful run of ${workflow}${branch ? ` on ${branch}` : ''}: ${run.id} (${run.html_url})`);
    return run.id;
}
async function findArtifactInRun(octokit, owner, repo, runId, name, where) {
    const { data } = await octokit.rest.actions
        .listWorkflowRunArtifacts({ owner, repo, run_id: runId, name, per_page: 100 })
        .catch(whenNotFound(`workflow run ${runId} not found in ${owner}/${repo}; check baseline-run-id (and that the token has the actions: read permission)`));
    const matching = data.artifacts.filter((candidate) => candidate.name === name);
    if (matching.length === 0) {
        throw new errors/* InputError */.d(`${where} has no artifact named ${JSON.stringify(name)}; check the artifact name, or that this run uploaded it`);
    }
    // The REST listing includes expired artifacts; their archives are gone.
    const live = matching.filter((candidate) => !candidate.expired);
    if (live.length === 0) {
        const expiredAt = matching[0].expires_at ? ` on ${matching[0].expires_at}` : '';
        throw new errors/* InputError */.d(`artifact ${JSON.stringify(name)} of ${where} expired${expiredAt}; rerun the workflow that produces it, or raise its retention-days, or keep the baseline in the repository (the publish step stores it beside the model)`);
    }
    const newest = live.sort((a, b) => Date.parse(b.created_at ?? '') - Date.parse(a.created_at ?? ''))[0];
    return { id: newest.id, digest: newest.digest ?? undefined };
}
/**
 * A 404 from the API means a name or id the user gave does not exist (or the token cannot see it); GitHub
 * failing past the retries gets what to do added.
 */
function whenNotFound(message) {
    return (error) => {
        if (error.status === 404)
            throw new errors/* InputError */.d(message);
        if (error instanceof GitHubUnavailableError) {
            throw new Error(`could not find the baseline artifact: ${error.message}. GitHub may be having trouble (https://www.githubstatus.com); re-run the failed job`, { cause: error });
        }
        throw error;
    };
}


/***/ })

};
