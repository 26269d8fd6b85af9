#!/usr/bin/env bash
# The image's runtime layer (docs/operations.md, "The container image"): the Java runtime linked with
# jlink from the JDK that builds the gateway, only the modules it uses, and the C libraries those
# binaries load, taken from the build machine (the same files a distroless base image takes from its
# Debian packages). No registry and no download: the image needs no base image. Build it on the Debian
# release you deploy on, as you would a base image's tag.
#
# Usage: runtime.sh OUTPUT_DIRECTORY JAVA_HOME (the JDK the build runs on, with its jmods)
set -euo pipefail

out=$1
java_home=$2
rm -rf "$out"
mkdir -p "$out/opt" "$out/etc" "$out/tmp" "$out/data" "$out/config"

# java.se is the platform the gateway's libraries expect; the others are what it adds: elliptic curves,
# PKCS#11 for an audit key on an HSM, DNS for JNDI, management, the unsupported API that Netty-free
# libraries still probe, the zip file system and the locales beyond English.
"$java_home/bin/jlink" \
  --add-modules java.se,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.naming.dns,jdk.management,jdk.unsupported,jdk.zipfs,jdk.localedata,jdk.charsets \
  --strip-debug --no-header-files --no-man-pages --compress=2 \
  --output "$out/opt/java"

# The C libraries, and the loader, that the runtime's executables and libraries link against; not
# those only AWT's graphics, sound and fonts load (java.desktop is there for java.beans, and the gateway
# runs headless).
find "$out/opt/java" -type f \( -name '*.so' -o -perm -u+x \) \
    -not -regex '.*/lib\(awt.*\|fontmanager\|jawt\|jsound\|splashscreen\|lcms\|javajpeg\|mlib_image\)\.so' -print0 \
  | xargs -0 ldd 2>/dev/null \
  | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// && $1 !~ /:$/ { print $1 }' \
  | grep -v "^$out/" \
  | sort -u \
  | while read -r library; do
      cp --parents --dereference "$library" "$out"
    done

# The account the gateway runs as: no shell, no password, its home the data folder.
printf 'root:x:0:0:root:/root:/sbin/nologin\ngateway:x:65532:65532:gateway:/data:/sbin/nologin\n' > "$out/etc/passwd"
printf 'root:x:0:\ngateway:x:65532:\n' > "$out/etc/group"
