export const id = 357;
export const ids = [357];
export const modules = {

/***/ 4357:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   uploadReports: () => (/* binding */ uploadReports)
/* harmony export */ });
/* harmony import */ var _actions_artifact__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9645);
/* harmony import */ var _github_log_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(53385);
/** Uploads the report files as one workflow artifact, so reviewers can download the HTML report. */


/** The artifact client retries what is worth retrying itself; what reaches here is final, and says what was already done. */
async function uploadReports(name, files, rootDirectory) {
    let uploaded;
    try {
        uploaded = await new _actions_artifact__WEBPACK_IMPORTED_MODULE_0__/* .DefaultArtifactClient */ .t9().uploadArtifact(name, files, rootDirectory);
    }
    catch (error) {
        throw new Error(`uploading the reports as artifact ${JSON.stringify(name)} failed: ${error.message}. The check itself is done: its outputs are set and the reports are in ${rootDirectory}; re-run the job to upload them`, { cause: error });
    }
    (0,_github_log_js__WEBPACK_IMPORTED_MODULE_1__/* .logLine */ .BP)(`Uploaded artifact ${JSON.stringify(name)} (id ${uploaded.id}, ${uploaded.size} bytes)`);
}


/***/ })

};
