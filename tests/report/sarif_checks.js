// Helper of tests/report/sarif-multitool.sh (node, standard library only).
//   node sarif_checks.js parse FILE OUT.json   JSON syntax (a BOM is a warning); writes the text without it
//   node sarif_checks.js schema IN OUT         the SARIF 2.1.0 schema as draft-07 for ajv, with the
//                                              "a region needs startLine, charOffset or byteOffset" rule
//   node sarif_checks.js ajv STDERR_FILE       ajv-cli --errors=json output as ERR lines
//   node sarif_checks.js mt MULTITOOL.sarif    "errors warnings notes" counted in the Multitool's own log
//   node sarif_checks.js github FILE           GitHub code-scanning ingestion limits and pitfalls
// Lines start with ERR or WARN; the shell script counts them.
'use strict';
const fs = require('fs');
const zlib = require('zlib');

const [mode, ...args] = process.argv.slice(2);
const out = (s) => process.stdout.write(s + '\n');
const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));

function parse(file, copy) {
  let txt = fs.readFileSync(file).toString('utf8');
  if (txt.charCodeAt(0) === 0xfeff) {
    out('WARN the file starts with a UTF-8 BOM (GitLab and other parsers reject it; write plain UTF-8)');
    txt = txt.slice(1);
  }
  try {
    JSON.parse(txt);
  } catch (e) {
    out('ERR JSON syntax error: ' + String(e.message).replace(/\s+/g, ' '));
    return 1;
  }
  fs.writeFileSync(copy, txt);
  return 0;
}

function schema(input, output) {
  const s = readJson(input);
  s['$schema'] = 'http://json-schema.org/draft-07/schema#';
  if (s.id && !s['$id']) s['$id'] = s.id;  // the OASIS file is draft-04 ("id")
  delete s.id;
  const r = s.definitions && s.definitions.region;  // SARIF 3.30.2: a region needs one of these
  if (r && !r.anyOf) r.anyOf = [{required: ['startLine']}, {required: ['charOffset']}, {required: ['byteOffset']}];
  fs.writeFileSync(output, JSON.stringify(s));
  return 0;
}

function ajv(stderrFile) {
  const t = fs.readFileSync(stderrFile, 'utf8').split('\n').filter((l) => !/^npm warn/i.test(l)).join('\n');
  const i = t.indexOf('[');
  if (i < 0) {
    if (t.trim()) out('ERR ' + t.trim().split('\n').join(' | '));
    return 0;
  }
  let errs;
  try {
    errs = JSON.parse(t.slice(i));
  } catch (e) {
    out('ERR ' + t.trim());
    return 0;
  }
  for (const e of errs) {
    const p = e.params && (e.params.additionalProperty || e.params.missingProperty || e.params.allowedValues);
    out('ERR ' + (e.instancePath || '/') + ': ' + e.message + (p !== undefined ? ' (' + JSON.stringify(p) + ')' : ''));
  }
  return 0;
}

function mt(file) {
  const c = {error: 0, warning: 0, note: 0};
  try {
    for (const run of readJson(file).runs || [])
      for (const r of run.results || []) c[r.level || 'warning'] = (c[r.level || 'warning'] || 0) + 1;
  } catch (e) {
    out('FAIL cannot read the Multitool output: ' + e.message);
    return 1;
  }
  out(`${c.error} ${c.warning} ${c.note}`);
  return 0;
}

// What github.com's code-scanning upload refuses or drops, beyond the Multitool's GHxxxx rules
// (https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning).
function github(file) {
  const raw = fs.readFileSync(file);
  const log = JSON.parse(raw.toString('utf8').replace(/^\uFEFF/, ''));
  const E = (m) => out('ERR ' + m);
  const W = (m) => out('WARN ' + m);
  const gz = zlib.gzipSync(raw).length;
  if (gz > 10 * 1024 * 1024) E(`gzip-compressed size ${gz} B exceeds GitHub's 10 MB upload limit`);
  if (!log['$schema']) W('sarifLog.$schema is absent (GitHub documents it as required)');
  const runs = Array.isArray(log.runs) ? log.runs : [];
  if (runs.length > 20) E(`${runs.length} runs > 20 runs per file (GitHub rejects the upload)`);
  const keys = new Map();
  const isAbsUri = (u) => /^[A-Za-z][A-Za-z0-9+.-]*:/.test(u);
  runs.forEach((run, ri) => {
    const drv = (run.tool && run.tool.driver) || {};
    const key = JSON.stringify([drv.name, drv.fullName, drv.version, drv.semanticVersion, drv.guid,
                                run.automationDetails && run.automationDetails.id]);
    if (keys.has(key))
      E(`runs[${ri}] has the same tool and automationDetails.id (category) as runs[${keys.get(key)}]; ` +
        'upload-sarif refuses several runs per category');
    else keys.set(key, ri);
    const rules = drv.rules || [];
    if (!Array.isArray(drv.rules)) W(`runs[${ri}].tool.driver.rules is absent (GitHub: required)`);
    if (rules.length > 25000) E(`runs[${ri}]: ${rules.length} rules > 25000`);
    if (((run.tool && run.tool.extensions) || []).length > 100) E(`runs[${ri}]: more than 100 tool extensions`);
    rules.forEach((rd, k) => {
      const tags = (rd.properties && rd.properties.tags) || [];
      if (tags.length > 20) E(`runs[${ri}].tool.driver.rules[${k}]: ${tags.length} tags > 20 (upload rejected)`);
      else if (tags.length > 10) W(`runs[${ri}].tool.driver.rules[${k}]: ${tags.length} tags; GitHub shows only 10`);
      if (rd.name && rd.name.length > 255) W(`rules[${k}].name longer than 255 characters`);
      for (const f of ['shortDescription', 'fullDescription']) {
        const t = rd[f] && rd[f].text;
        if (!t) W(`runs[${ri}].tool.driver.rules[${k}].${f}.text missing (GitHub: required)`);
        else if (t.length > 1024) W(`runs[${ri}].tool.driver.rules[${k}].${f}.text longer than 1024 characters`);
      }
      if (!(rd.help && rd.help.text)) W(`runs[${ri}].tool.driver.rules[${k}].help.text missing (GitHub: required)`);
      const p = rd.properties || {};
      if (p.precision !== undefined && !['very-high', 'high', 'medium', 'low'].includes(p.precision))
        W(`rules[${k}].properties.precision '${p.precision}' is not one of very-high, high, medium, low`);
      if (p['problem.severity'] !== undefined && !['error', 'warning', 'recommendation'].includes(p['problem.severity']))
        W(`rules[${k}].properties["problem.severity"] is not one of error, warning, recommendation`);
      if (p['security-severity'] !== undefined) {
        const v = p['security-severity'];
        if (typeof v !== 'string' || !/^\d+(\.\d+)?$/.test(v) || +v <= 0 || +v > 10)
          W(`rules[${k}].properties["security-severity"] should be a number in a string, in (0.0, 10.0], ` +
            `not ${JSON.stringify(v)}`);
      }
    });
    const results = run.results;
    if (!Array.isArray(results)) {
      E(`runs[${ri}].results is absent (GitHub: required, may be empty)`);
      return;
    }
    if (results.length > 25000) E(`runs[${ri}]: ${results.length} results > 25000 (upload rejected)`);
    else if (results.length > 5000) W(`runs[${ri}]: ${results.length} results; GitHub keeps only the top 5000`);
    let noFingerprint = 0;
    results.forEach((r, k) => {
      const at = `runs[${ri}].results[${k}]`;
      if (!(r.message && typeof r.message.text === 'string' && r.message.text.length))
        E(`${at}.message.text missing or empty (GitHub needs the formatted text)`);
      const locs = r.locations;
      if (!Array.isArray(locs) || !locs.length) {
        E(`${at}: no locations (GitHub cannot show the alert)`);
        return;
      }
      if (locs.length > 1000) E(`${at}: ${locs.length} locations > 1000`);
      else if (locs.length > 100) W(`${at}: ${locs.length} locations; GitHub shows 100`);
      const pl = locs[0].physicalLocation;
      const al = pl && pl.artifactLocation;
      if (!pl) {
        E(`${at}.locations[0].physicalLocation missing`);
        return;
      }
      if (!al || typeof al.uri !== 'string') E(`${at}.locations[0].physicalLocation.artifactLocation.uri missing`);
      else if (al.uri === '') E(`${at}: artifactLocation.uri is empty (GitHub rejects it; the Multitool does not flag it)`);
      else {
        if (al.uri.includes('\\')) E(`${at}: artifactLocation.uri '${al.uri}' contains backslashes; use '/' (RFC 3986)`);
        if (isAbsUri(al.uri) && !/^file:/i.test(al.uri))
          E(`${at}: artifactLocation.uri '${al.uri}' is not a file path (GitHub shows only relative or file: URIs)`);
        else if (/^file:/i.test(al.uri))
          W(`${at}: an absolute file URI; GitHub makes it relative to the checkout or drops the alert`);
        if (/^\.\.?\//.test(al.uri)) W(`${at}: artifactLocation.uri '${al.uri}' starts with ./ or ../`);
      }
      const rg = pl.region;
      if (!rg || !Number.isInteger(rg.startLine))
        W(`${at}: region.startLine missing (GitHub needs it for line annotations and fingerprints)`);
      if (r.partialFingerprints === undefined) noFingerprint++;
      for (const cf of r.codeFlows || [])
        for (const tf of cf.threadFlows || [])
          if ((tf.locations || []).length > 10000) E(`${at}: a threadFlow with > 10000 locations`);
    });
    if (noFingerprint)
      W(`runs[${ri}]: ${noFingerprint} result(s) without partialFingerprints ` +
        '(upload-sarif computes primaryLocationLineHash only when the source is checked out)');
  });
  return 0;
}

const modes = {
  parse: () => parse(args[0], args[1]),
  schema: () => schema(args[0], args[1]),
  ajv: () => ajv(args[0]),
  mt: () => mt(args[0]),
  github: () => github(args[0]),
};
if (!modes[mode]) {
  console.error('sarif_checks.js: unknown mode ' + mode);
  process.exit(2);
}
process.exit(modes[mode]());
