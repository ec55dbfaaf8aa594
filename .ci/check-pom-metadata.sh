#!/usr/bin/env bash
# Maven Central refuses a module without a name and description. The parent's would be inherited
# silently, so every module listed in the parent pom.xml that is published (no
# <maven.deploy.skip>true</maven.deploy.skip>) must declare its own <name> and <description>, and
# the parent must carry url, licenses, scm and developers. Fails with the list of what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# Drops nested blocks whose <name>/<description> are not the project's own.
own_tags() {
  sed -e '/<parent>/,/<\/parent>/d' -e '/<licenses>/,/<\/licenses>/d' \
      -e '/<developers>/,/<\/developers>/d' -e '/<organization>/,/<\/organization>/d' \
      -e '/<build>/,/<\/build>/d' -e '/<profiles>/,/<\/profiles>/d' \
      -e '/<dependencies>/,/<\/dependencies>/d' -e '/<dependencyManagement>/,/<\/dependencyManagement>/d' "$1"
}

missing=()
for tag in url licenses scm developers; do
  grep -q "<$tag>" pom.xml || missing+=("pom.xml: <$tag>")
done
for module in $(sed -n 's:.*<module>\(.*\)</module>.*:\1:p' pom.xml); do
  pom="$module/pom.xml"
  [ -f "$pom" ] || { missing+=("$pom: file not found"); continue; }
  grep -q '<maven.deploy.skip>true</maven.deploy.skip>' "$pom" && continue
  for tag in name description; do
    own_tags "$pom" | grep -Eq "<$tag>[^<[:space:]][^<]*</$tag>" || missing+=("$pom: <$tag>")
  done
done

# japicmp: the baseline and the skip flag are flipped together at the first release.
baseline=$(sed -n 's:.*<japicmp.baseline.version>\(.*\)</japicmp.baseline.version>.*:\1:p' pom.xml)
skip=$(own_tags pom.xml | sed -n 's:.*<japicmp.skip>\(.*\)</japicmp.skip>.*:\1:p')
if [ -z "$baseline" ] && [ "$skip" != true ]; then
  missing+=("pom.xml: <japicmp.baseline.version> (japicmp.skip is $skip but no baseline is set)")
elif [ -n "$baseline" ] && [ "$skip" != false ]; then
  missing+=("pom.xml: <japicmp.skip>false</japicmp.skip> (baseline $baseline is set but the API check is skipped)")
fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "Release metadata check FAILED (Maven Central needs name/description on every published module):" >&2
  printf '  missing %s\n' "${missing[@]}" >&2
  echo "Add them (name/description in the module's own pom.xml; see docs/releasing.md)." >&2
  exit 1
fi
echo "POM metadata check passed: every published module has its own name and description."
