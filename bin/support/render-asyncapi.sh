#!/usr/bin/env bash
# Render an AsyncAPI (2.x/3.x) document to static HTML with @asyncapi/html-template, offline after the first run.
#
# usage: render-asyncapi.sh <asyncapi.yaml|json> <outdir> [key=value template params, e.g. singleFile=false]
#
# env:
#   ASYNCAPI_RENDER_HOME   install/cache dir (default: <script dir>/.asyncapi-render)
#   ASYNCAPI_RENDER_VIA    generator (default: @asyncapi/generator library, smaller + faster)
#                          | cli (@asyncapi/cli `asyncapi generate fromTemplate`)
#
# What it does / guarantees (all checked on Node 20, Debian):
# - first run: npm install of pinned packages into $ASYNCAPI_RENDER_HOME/<via> from the npm registry ONLY,
#   with --ignore-scripts (=> no puppeteer Chrome download, no @scarf/scarf analytics ping, no CLI postinstall
#   that appends an autocomplete line to ~/.bashrc) and a private npm cache inside the cache dir.
# - rendering needs no network at all (verified inside `unshare -n`): template passed as a local path
#   (no runtime arborist install); CLI mode also passes --registry-url= (CLI 6.2.0 otherwise HEADs
#   registry.npmjs.org on every generate), disables usage metrics (New Relic) + update check.
# - generator mode compiles (Babel) the template once, then reuses it (compile=false): ~4 s per render instead of ~20 s.
# - default output: ONE self-contained <outdir>/index.html (singleFile=true: CSS+JS inlined, ~2.5 MB, no CDN).
# - relative $refs (e.g. payload: {$ref: 'schemas/x.json'}) resolve against the document's directory and are
#   inlined; a missing ref file makes the render fail (exit 1).
set -euo pipefail

GENERATOR_VERSION="${ASYNCAPI_GENERATOR_VERSION:-3.4.1}"
CLI_VERSION="${ASYNCAPI_CLI_VERSION:-6.2.0}"
TEMPLATE_VERSION="${ASYNCAPI_HTML_TEMPLATE_VERSION:-3.5.6}"
VIA="${ASYNCAPI_RENDER_VIA:-generator}"
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
HOME_DIR="${ASYNCAPI_RENDER_HOME:-$SCRIPT_DIR/.asyncapi-render}"

if [[ $# -lt 2 ]]; then
  echo "usage: $0 <asyncapi.yaml> <outdir> [templateParam=value ...]" >&2
  exit 2
fi
DOC="$(realpath "$1")"; OUT="$(realpath -m "$2")"; shift 2
[[ -f "$DOC" ]] || { echo "no such file: $DOC" >&2; exit 2; }
PARAMS=(singleFile=true outFilename=index.html "$@")   # later duplicates win

case "$VIA" in
  generator) PKG_MAIN="@asyncapi/generator"; PKG_VER="$GENERATOR_VERSION" ;;
  cli)       PKG_MAIN="@asyncapi/cli";       PKG_VER="$CLI_VERSION" ;;
  *) echo "ASYNCAPI_RENDER_VIA must be generator or cli" >&2; exit 2 ;;
esac
CACHE="$HOME_DIR/$VIA"

# ---- isolation: no telemetry, no downloads outside the npm registry, no writes to $HOME -------------
export PUPPETEER_SKIP_DOWNLOAD=true PUPPETEER_SKIP_CHROME_DOWNLOAD=true PUPPETEER_SKIP_CHROME_HEADLESS_SHELL_DOWNLOAD=true
export SCARF_ANALYTICS=false DO_NOT_TRACK=1
export ASYNCAPI_SKIP_NEW_VERSION_CHECK=true                           # oclif plugin-warn-if-update-available
export ASYNCAPI_METRICS_CONFIG_PATH="$CACHE/asyncapi-analytics.json"  # else ~/.asyncapi-analytics + New Relic sink
export SUPPRESS_NO_CONFIG_WARNING=1                                   # node-config noise
export XDG_CACHE_HOME="$CACHE/xdg/cache" XDG_CONFIG_HOME="$CACHE/xdg/config" XDG_DATA_HOME="$CACHE/xdg/data"
export npm_config_cache="$CACHE/npm-cache" npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false

TEMPLATE_DIR="$CACHE/node_modules/@asyncapi/html-template"
STAMP="$CACHE/.installed-$PKG_MAIN-$PKG_VER-html-template-$TEMPLATE_VERSION"
STAMP="${STAMP//@asyncapi\//}"

if [[ ! -f "$STAMP" || ! -d "$TEMPLATE_DIR" ]]; then
  echo ">> installing $PKG_MAIN@$PKG_VER + @asyncapi/html-template@$TEMPLATE_VERSION into $CACHE" >&2
  mkdir -p "$CACHE"
  rm -f "$CACHE"/.installed-* "$CACHE"/.compiled-*
  cat > "$CACHE/package.json" <<EOF
{
  "name": "asyncapi-render-cache",
  "private": true,
  "dependencies": {
    "$PKG_MAIN": "$PKG_VER",
    "@asyncapi/html-template": "$TEMPLATE_VERSION"
  }
}
EOF
  # engine warnings (cli/generator declare node>=24) are harmless on Node 20; filtered out
  (cd "$CACHE" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error 2>&1 \
     | grep -v -e 'EBADENGINE' -e '^npm warn deprecated' >&2 || true)
  [[ -d "$TEMPLATE_DIR" && -d "$CACHE/node_modules/$PKG_MAIN" ]] || { echo "install failed" >&2; exit 1; }
  touch "$STAMP"
fi
[[ -f "$ASYNCAPI_METRICS_CONFIG_PATH" ]] || \
  echo '{"analyticsEnabled":"false","infoMessageShown":"true","userID":"offline"}' > "$ASYNCAPI_METRICS_CONFIG_PATH"

mkdir -p "$OUT"
filter() { sed -u -e 's/\x1b\[[0-9;?]*[A-Za-z]//g' -e 's/\r//g' \
  | grep --line-buffered -v -e 'Generation in progress' -e '^WARNING: ' -e 'deoptimised the styling' -e '^$' >&2; }

set +e
if [[ "$VIA" == generator ]]; then
  COMPILED="$CACHE/.compiled-html-template-$TEMPLATE_VERSION"
  COMPILE=true; [[ -f "$COMPILED" && -d "$TEMPLATE_DIR/__transpiled" ]] && COMPILE=false
  NODE_PATH="$CACHE/node_modules" node - "$DOC" "$OUT" "$TEMPLATE_DIR" "$COMPILE" "${PARAMS[@]}" <<'JS' 2>&1 | filter
const Generator = require('@asyncapi/generator');
const [doc, out, template, compile, ...params] = process.argv.slice(2);
const templateParams = Object.fromEntries(params.map(p => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]));
new Generator(template, out, { forceWrite: true, compile: compile === 'true', templateParams })
  .generateFromFile(doc)
  .then(() => console.log('rendered ' + doc + ' -> ' + out))
  .catch(e => {
    console.error('ERROR: ' + (e && e.message || e));
    for (const d of (e && e.diagnostics) || []) console.error('  ' + JSON.stringify(d.path) + ': ' + d.message);
    process.exit(1);
  });
JS
  rc=${PIPESTATUS[0]}
  [[ $rc -eq 0 && "$COMPILE" == true ]] && touch "$COMPILED"
else
  P=(); for p in "${PARAMS[@]}"; do P+=(-p "$p"); done
  (cd "$(dirname "$DOC")" && "$CACHE/node_modules/.bin/asyncapi" generate fromTemplate "$DOC" "$TEMPLATE_DIR" \
      --output "$OUT" --force-write --no-interactive --registry-url= "${P[@]}") 2>&1 | filter
  rc=${PIPESTATUS[0]}
fi
set -e
if [[ $rc -ne 0 ]]; then echo "render failed (rc=$rc)" >&2; exit "$rc"; fi
echo ">> $OUT" >&2
