export const id = 502;
export const ids = [502];
export const modules = {

/***/ 63502:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  profileEngineSides: () => (/* binding */ profileEngineSides)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 13 modules
var core = __webpack_require__(77094);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/io/profile-file.ts + 1 modules
var profile_file = __webpack_require__(98388);
// EXTERNAL MODULE: ./src/core/profile.ts
var core_profile = __webpack_require__(92410);
// EXTERNAL MODULE: ./src/core/format.ts
var format = __webpack_require__(96228);
;// CONCATENATED MODULE: ./src/profile/describe.ts
/** What a profile holds, in a few lines a person reads: for the CLI, the model card and reports. */


function describeProfile(profile) {
    const numeric = profile.columns.filter((column) => column.storage === 'numeric');
    const summarised = numeric.filter((column) => column.storage === 'numeric' && column.distribution.kind === 'summary');
    const text = profile.columns.length - numeric.length;
    const parts = [
        `${numeric.length - summarised.length} numerical column${(0,format/* plural */.LS)(numeric.length - summarised.length)} kept exactly`,
        ...(summarised.length > 0 ? [`${summarised.length} summarised (rank error \u2264 ${profile.settings.rankError})`] : []),
        `${text} text column${(0,format/* plural */.LS)(text)}`,
    ];
    const rows = `${(0,format/* formatCount */.B4)(profile.rows)} row${(0,format/* plural */.LS)(profile.rows)}`;
    const columns = `${profile.columns.length} column${(0,format/* plural */.LS)(profile.columns.length)}`;
    const lines = [`${rows} \u00d7 ${columns}: ${parts.join(', ')}.`];
    for (const column of profile.columns) {
        const why = (0,core_profile/* approximation */.GW)(column);
        if (why)
            lines.push(`  ${JSON.stringify(column.name)}: ${why}`);
    }
    return `${lines.join('\n')}\n`;
}

// EXTERNAL MODULE: ./src/profile/sql/connect.ts + 2 modules
var connect = __webpack_require__(12368);
// EXTERNAL MODULE: ./src/github/log.ts
var log = __webpack_require__(53385);
;// CONCATENATED MODULE: ./src/action/engine-sides.ts
/**
 * The sides of a check that the engine inputs name, profiled inside the engine and written as profile files
 * in RUNNER_TEMP, which the check then reads as it reads any profile.
 */









/** The check's settings with each engine side replaced by its profile file. */
async function profileEngineSides({ engine, connection, sides }, check) {
    const work = await (0,promises_.mkdtemp)((0,external_node_path_.join)(process.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(), 'driftgate-engine-'));
    const profiled = { ...check };
    for (const side of ['baseline', 'current']) {
        const source = sides[side];
        if (!source)
            continue;
        // The query is not printed: it is the user's text, and may hold what the connection's secrets mask.
        const what = 'table' in source ? `table ${JSON.stringify(source.table)}` : 'query';
        await core.group(`Profile the ${side} inside ${engine} (${what})`, async () => {
            const started = Date.now();
            const profile = await (0,connect/* profileFromEngine */.M)(engine, connection, source, core_profile/* DEFAULT_PROFILE_SETTINGS */.Gk);
            const file = (0,external_node_path_.join)(work, `${side}.profile.json.gz`);
            await (0,profile_file/* writeProfileFile */.z_)(file, profile);
            (0,log/* logLine */.BP)(`Profiled in ${Date.now() - started} ms: ${describeProfile(profile).trimEnd()}`);
            profiled[side] = [file];
        });
    }
    return profiled;
}


/***/ })

};
