#!/usr/bin/env bash
# Writes src/test/resources/upgrade/VERSION.tar.xz: the data folder a release leaves behind, which
# UpgradeTest opens with the version being built. Run it once per release, from the top folder:
#
#   bash src/test/upgrade/release-data-folder.sh 0.1.0 COMMIT
#
# It builds COMMIT in a scratch worktree, adds this version's ReleaseDataFolder to its test classes,
# runs it there (a gateway of that release answers some queries and stops), and packs the result.
set -euo pipefail

version=${1:?usage: release-data-folder.sh VERSION COMMIT}
commit=${2:?usage: release-data-folder.sh VERSION COMMIT}
top=$(git rev-parse --show-toplevel)
work=$(mktemp -d)
trap 'git -C "$top" worktree remove --force "$work/src" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

git -C "$top" worktree add --detach "$work/src" "$commit" >/dev/null
support=src/test/java/org/caseexchange/gateway/support
cp "$top/$support/ReleaseDataFolder.java" "$work/src/$support/"
cd "$work/src"
./mvnw -B -q -o -Dspotless.check.skip=true test-compile dependency:build-classpath \
    -Dmdep.outputFile="$work/classpath" -Dmdep.includeScope=test
java -cp "target/test-classes:target/classes:$(cat "$work/classpath")" \
    org.caseexchange.gateway.support.ReleaseDataFolder "$work/out"
# The embedded database leaves no lock behind when it stops; a log of the run is not data.
rm -f "$work/out/data/db/postmaster.pid"
mkdir -p "$top/src/test/resources/upgrade"
tar --create --xz --file "$top/src/test/resources/upgrade/$version.tar.xz" \
    --exclude='./data/db/log/*' -C "$work/out" .
ls -l "$top/src/test/resources/upgrade/$version.tar.xz"
