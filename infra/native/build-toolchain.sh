#!/usr/bin/env bash
# Assembles a GraalVM-home-shaped native-image toolchain from reachable parts (see infra/native/README.md):
#   - a JVMCI-enabled JDK 25 (default: Temurin 25 in /usr/lib/jvm), copied whole: the builder reads the JDK's
#     static libraries from java.home/lib/static, so the home must be a real JDK, not symlinks;
#   - GraalVM's builder jars (org.graalvm.nativeimage:svm + native-image-base and what they pull), resolved by
#     Maven from Maven Central;
#   - the JDK's native libraries as static archives, built from the OpenJDK source tree given (make static-libs-image);
#   - GraalVM's small C libraries (liblibchelper.a, libjvm.a, libsvm_container.a, libreporterchelper.so and the
#     headers the builder's C queries include), built with gcc from the oracle/graal source tree given;
#   - bin/native-image: infra/native/native-image-driver.py (the svm driver is not on Maven Central for 25.x).
#
# Usage: infra/native/build-toolchain.sh --openjdk-src DIR --graal-src DIR --out DIR
#          [--fetch-openjdk] [--jdk DIR] [--graal-version 25.0.2] [--work DIR] [--skip-static-libs]
#   --openjdk-src DIR   an OpenJDK source tree of the JDK's feature release (25); with --fetch-openjdk it is
#                       where Debian's openjdk-25 source package is unpacked
#   --graal-src DIR     an oracle/graal checkout (tag vm-<graal-version>); only substratevm/src/com.oracle.svm.native.*
#                       is read
#   --out DIR           the toolchain home to write (GRAALVM_HOME); replaced if it exists
#   --work DIR          scratch (Maven resolution, objects); default DIR/../native-toolchain-work
#   --skip-static-libs  assemble without the JDK static libraries (the builder then stops at its first phase
#                       unless -H:+ExitAfterRelocatableImageWrite is given: useful to check analysis only)
# Every step prints its wall time. Nothing here is run by CI.
set -euo pipefail

JDK=/usr/lib/jvm/temurin-25-jdk-amd64
GRAAL_VERSION=25.0.2
OPENJDK_SRC=""
GRAAL_SRC=""
OUT=""
WORK=""
FETCH_OPENJDK=0
SKIP_STATIC=0
HERE="$(cd "$(dirname "$0")" && pwd)"

while [ $# -gt 0 ]; do
  case "$1" in
    --openjdk-src) OPENJDK_SRC="$2"; shift 2 ;;
    --graal-src) GRAAL_SRC="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --work) WORK="$2"; shift 2 ;;
    --jdk) JDK="$2"; shift 2 ;;
    --graal-version) GRAAL_VERSION="$2"; shift 2 ;;
    --fetch-openjdk) FETCH_OPENJDK=1; shift ;;
    --skip-static-libs) SKIP_STATIC=1; shift ;;
    -h|--help) sed -n '2,27p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
[ -n "$OUT" ] && [ -n "$GRAAL_SRC" ] || { echo "need --out and --graal-src (see --help)" >&2; exit 2; }
[ "$SKIP_STATIC" = 1 ] || [ -n "$OPENJDK_SRC" ] || { echo "need --openjdk-src (or --skip-static-libs)" >&2; exit 2; }
OUT="$(mkdir -p "$OUT" && cd "$OUT" && pwd)"
WORK="${WORK:-$(dirname "$OUT")/native-toolchain-work}"
mkdir -p "$WORK"
WORK="$(cd "$WORK" && pwd)"
GRAAL_SRC="$(cd "$GRAAL_SRC" && pwd)"
[ -d "$JDK/jmods" ] || [ -f "$JDK/lib/modules" ] || { echo "no JDK at $JDK" >&2; exit 2; }
"$JDK/bin/java" --list-modules | grep -q '^jdk.internal.vm.ci@' || { echo "$JDK has no jdk.internal.vm.ci (JVMCI)" >&2; exit 2; }
JDK_FEATURE="$("$JDK/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"

step_start=0
step() { step_start=$(date +%s); echo "== $(date -u +%H:%M:%S) $*"; }
step_done() { echo "   done in $(( $(date +%s) - step_start )) s"; }

# ---------------------------------------------------------------------------------------------------------------
if [ "$FETCH_OPENJDK" = 1 ]; then
  step "fetch Debian's openjdk-$JDK_FEATURE source package into ${OPENJDK_SRC:?--openjdk-src names where}"
  mkdir -p "$OPENJDK_SRC"
  base=http://deb.debian.org/debian
  curl -sfS "$base/dists/sid/main/source/Sources.xz" | xz -d > "$WORK/Sources"
  stanza="$(awk -v p="openjdk-$JDK_FEATURE" '$0=="Package: "p{f=1} f&&/^$/{exit} f' "$WORK/Sources")"
  dir="$(printf '%s\n' "$stanza" | sed -n 's/^Directory: //p')"
  orig="$(printf '%s\n' "$stanza" | awk '/^Files:/{f=1;next} f&&/^ /{print $3} f&&!/^ /{f=0}' | grep '\.orig\.tar\.xz$' | head -1)"
  [ -n "$orig" ] || { echo "sid lists no openjdk-$JDK_FEATURE source" >&2; exit 3; }
  url="$base/$dir/$orig"
  code="$(curl -s -o "$WORK/$orig" -w '%{http_code}' "$url")"
  if [ "$code" != 200 ]; then
    echo "BLOCKED: $url answered HTTP $code (the archive index lists it; the pool file is not served here)." >&2
    echo "Give an OpenJDK $JDK_FEATURE source tree with --openjdk-src instead (e.g. a checkout of openjdk/jdk${JDK_FEATURE}u)." >&2
    exit 3
  fi
  tar -xJf "$WORK/$orig" -C "$OPENJDK_SRC" --strip-components=1
  step_done
fi

# ---------------------------------------------------------------------------------------------------------------
step "resolve org.graalvm.nativeimage:svm:$GRAAL_VERSION and its dependencies with Maven (JAVA_HOME=$JDK)"
mkdir -p "$WORK/jars"
rm -f "$WORK/jars"/*.jar
cat > "$WORK/svm-jars.pom" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>local.native-toolchain</groupId><artifactId>svm-jars</artifactId><version>1</version><packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.graalvm.nativeimage</groupId><artifactId>svm</artifactId><version>$GRAAL_VERSION</version></dependency>
    <dependency><groupId>org.graalvm.nativeimage</groupId><artifactId>native-image-base</artifactId><version>$GRAAL_VERSION</version></dependency>
  </dependencies>
</project>
EOF
JAVA_HOME="$JDK" mvn -B -q -f "$WORK/svm-jars.pom" dependency:copy-dependencies -DoutputDirectory="$WORK/jars"
ls "$WORK/jars"
step_done

# ---------------------------------------------------------------------------------------------------------------
step "check the jars' references to JVMCI against the JDK's jdk.internal.vm.ci (JvmciScan.java)"
# GraalVM's jars are built against the labs JDK, whose JVMCI may have members a stock JDK lacks; a missing one would
# fail only when the builder first reaches it. List them now (a non-empty list means classes to adapt; see README).
scan="$("$JDK/bin/java" "$HERE/JvmciScan.java" "$WORK/jars"/{svm,compiler,pointsto,objectfile,truffle-compiler,nativeimage-libgraal}-"$GRAAL_VERSION".jar)"
echo "$scan" | sed 's/^/   /'
case "$scan" in *"missing in this JDK: 0"*) ;; *) echo "   WARNING: JVMCI members missing: the builder may fail where it uses them" ;; esac
step_done

# ---------------------------------------------------------------------------------------------------------------
step "copy the JDK ($JDK) as the home's base"
rm -rf "$OUT"
cp -a "$JDK" "$OUT"
mkdir -p "$OUT/lib/svm/builder/lib" "$OUT/lib/svm/bin" "$OUT/lib/svm/clibraries/linux-amd64/include" \
         "$OUT/lib/svm/clibraries/linux-amd64/glibc" "$OUT/lib/static/linux-amd64/glibc"
cp "$WORK/jars"/*.jar "$OUT/lib/svm/builder/"
step_done

# ---------------------------------------------------------------------------------------------------------------
if [ "$SKIP_STATIC" = 0 ]; then
  src_feature="$(sed -n 's/^DEFAULT_VERSION_FEATURE=//p' "$OPENJDK_SRC/make/conf/version-numbers.conf")"
  if [ "$src_feature" != "$JDK_FEATURE" ]; then
    echo "BLOCKED: $OPENJDK_SRC is OpenJDK $src_feature, the JDK is $JDK_FEATURE: its static libraries would not match the" >&2
    echo "JDK's Java code (JNI names and signatures differ between feature releases). Give an OpenJDK $JDK_FEATURE tree." >&2
    exit 3
  fi
  step "configure OpenJDK $src_feature ($OPENJDK_SRC)"
  conf="$(ls -d "$OPENJDK_SRC"/build/*/ 2>/dev/null | head -1 || true)"
  if [ -z "$conf" ] || [ ! -f "$conf/spec.gmk" ]; then
    (cd "$OPENJDK_SRC" && bash configure --with-boot-jdk="$JDK" --disable-warnings-as-errors --enable-headless-only \
        --with-native-debug-symbols=none --with-jvm-variants=server --disable-precompiled-headers >"$WORK/configure.log" 2>&1) \
      || { tail -30 "$WORK/configure.log" >&2; exit 1; }
    conf="$(ls -d "$OPENJDK_SRC"/build/*/ | head -1)"
  fi
  step_done
  step "make static-libs-image (the JDK's native libraries as .a; the desktop ones are not needed and may fail)"
  (cd "$conf" && make static-libs-image JOBS="$(nproc)" >"$WORK/make-static.log" 2>&1) || \
    echo "   make stopped (see $WORK/make-static.log); using the archives it produced"
  found=0
  for lib in java nio net zip jimage fdlibm extnet j2pkcs11 prefs jsig management management_ext verify; do
    a="$(find "$conf/support/native" -path "*/static/lib$lib.a" | head -1)"
    if [ -n "$a" ]; then cp "$a" "$OUT/lib/static/linux-amd64/glibc/"; found=$((found + 1)); fi
  done
  ls "$OUT/lib/static/linux-amd64/glibc/"
  for need in java nio net zip; do
    [ -f "$OUT/lib/static/linux-amd64/glibc/lib$need.a" ] || { echo "missing lib$need.a after the build" >&2; exit 1; }
  done
  step_done
fi

# ---------------------------------------------------------------------------------------------------------------
step "build GraalVM's C libraries from $GRAAL_SRC"
NS="$GRAAL_SRC/substratevm/src"
OBJ="$WORK/cobj"
rm -rf "$OBJ"; mkdir -p "$OBJ"/{libchelper,jvm,container,reporter}
CLIB="$OUT/lib/svm/clibraries/linux-amd64"
cp "$NS/com.oracle.svm.native.libchelper/include/"*.h "$CLIB/include/"
# reporterchelper: the builder's own JNI helper (peak RSS, terminal width), loaded from lib/svm/builder/lib
gcc -shared -fPIC -O2 -I"$JDK/include" -I"$JDK/include/linux" \
    "$NS/com.oracle.svm.native.reporterchelper/src/"*.c -o "$OUT/lib/svm/builder/lib/libreporterchelper.so"
echo "   built lib/svm/builder/lib/libreporterchelper.so"
# Each library is built whole from its sources or not at all (no stand-ins): a missing source directory or a file
# that does not compile leaves the library out, says why, and makes the toolchain INCOMPLETE (exit 4 at the end).
INCOMPLETE=()
# cc_lib NAME ARCHIVE OBJDIR COMPILER FLAGS... -- SOURCES...
cc_lib() {
  local name="$1" archive="$2" objdir="$3" cc="$4"; shift 4
  local flags=() srcs=()
  while [ "$1" != -- ]; do flags+=("$1"); shift; done; shift
  srcs=("$@")
  if [ ${#srcs[@]} = 0 ] || [ ! -f "${srcs[0]}" ]; then
    echo "   MISSING $name: no sources"; INCOMPLETE+=("$name (no sources in --graal-src)"); return 0
  fi
  local c failed=0
  for c in "${srcs[@]}"; do
    if ! "$cc" -c "${flags[@]}" "$c" -o "$objdir/$(basename "${c%.*}").o" 2>"$objdir/$(basename "${c%.*}").err"; then
      echo "   $name: $(basename "$c") does not compile:"; head -5 "$objdir/$(basename "${c%.*}").err" | sed 's/^/     /'
      failed=1
    fi
  done
  if [ $failed = 1 ]; then INCOMPLETE+=("$name (sources do not compile; see above)"); return 0; fi
  ar -cr "$archive" "$objdir/"*.o
  echo "   built $archive (${#srcs[@]} sources)"
}
LH="$NS/com.oracle.svm.native.libchelper"
# libchelper: as its Makefile does (-g -fPIC -O2 -D_LITTLE_ENDIAN, every src/*.c, include/ on the path);
# -D_GNU_SOURCE for glibc's sched_getaffinity/CPU_COUNT, which GraalVM's build gets from its toolchain flags
cc_lib liblibchelper.a "$CLIB/glibc/liblibchelper.a" "$OBJ/libchelper" gcc -g -fPIC -O2 -D_LITTLE_ENDIAN -D_GNU_SOURCE \
  -I"$LH/include" -I"$LH/src" -I"$JDK/include" -I"$JDK/include/linux" -- "$LH/src/"*.c
# jvm.posix: svm's JVM_* functions that the JDK's static libraries call
cc_lib libjvm.a "$CLIB/glibc/libjvm.a" "$OBJ/jvm" gcc -g -fPIC -O2 -D_LITTLE_ENDIAN -D_GNU_SOURCE \
  -I"$JDK/include" -I"$JDK/include/linux" -I"$LH/include" -- "$NS/com.oracle.svm.native.jvm.posix/src/"*.c
# libcontainer: HotSpot's cgroup code as svm's container support uses it (C++)
LC="$NS/com.oracle.svm.native.libcontainer/src"
# shellcheck disable=SC2046
cc_lib libsvm_container.a "$CLIB/glibc/libsvm_container.a" "$OBJ/container" g++ -g -fPIC -O2 -std=c++14 -fno-rtti \
  -fno-exceptions -DLINUX -DNATIVE_IMAGE -D_GNU_SOURCE -DAMD64 -I"$LC" -I"$LC/hotspot" -I"$LC/hotspot/share" \
  -I"$LC/hotspot/os/linux" -I"$LC/hotspot/os/posix" -I"$LC/hotspot/os/posix/include" \
  -I"$LC/java.base/share/native/include" -I"$LC/java.base/unix/native/include" -- \
  $(find "$LC" -name '*.cpp' 2>/dev/null | sort)
ls -la "$CLIB/glibc" "$CLIB/include"
step_done

# ---------------------------------------------------------------------------------------------------------------
step "write bin/native-image, release and the builder's --add-exports/--add-opens"
cp "$HERE/native-image-driver.py" "$OUT/lib/svm/bin/native-image-driver.py"
cat > "$OUT/bin/native-image" <<'EOF'
#!/usr/bin/env bash
# native-image for this assembled toolchain: see lib/svm/bin/native-image-driver.py
exec python3 "$(dirname "$(readlink -f "$0")")/../lib/svm/bin/native-image-driver.py" "$@"
EOF
chmod +x "$OUT/bin/native-image"
printf 'GRAALVM_VERSION="%s"\nASSEMBLED_BY="infra/native/build-toolchain.sh from %s, svm %s, %s"\n' \
  "$GRAAL_VERSION" "$(basename "$JDK")" "$GRAAL_VERSION" "${OPENJDK_SRC:-no static libraries}" >> "$OUT/release"
# Every package of the JDK's default modules, exported and opened to the builder's modules: the real driver
# computes the same list from the builder's module descriptors; this is the generous version of it.
targets="ALL-UNNAMED,org.graalvm.nativeimage.builder,org.graalvm.nativeimage.pointsto,org.graalvm.nativeimage.objectfile"
targets="$targets,org.graalvm.nativeimage.base,org.graalvm.nativeimage.configure,org.graalvm.nativeimage.libgraal"
targets="$targets,org.graalvm.truffle.compiler,jdk.graal.compiler,org.graalvm.espresso.shared.svm"
"$OUT/bin/jimage" list "$OUT/lib/modules" \
  | awk '/^Module: /{m=$2; next} /\.class$/{p=$1; if (p !~ /\//) next; sub(/\/[^\/]*$/,"",p); gsub(/\//,".",p); print m"/"p}' \
  | sort -u | while IFS=/ read -r mod pkg; do
      case "$mod" in jdk.graal.compiler*|jdk.hotspot.agent|jdk.incubator.*|jdk.jcmd|jdk.jpackage|jdk.jlink|jdk.jshell|\
        jdk.jdeps|jdk.jartool|jdk.javadoc|jdk.jconsole|jdk.jdi|jdk.jstatd|jdk.editpad|jdk.internal.ed|jdk.internal.le|\
        jdk.internal.opt|jdk.jsobject|jdk.random|jdk.compiler|jdk.jdwp.agent) continue ;; esac
      printf -- '--add-exports=%s/%s=%s\n--add-opens=%s/%s=%s\n' "$mod" "$pkg" "$targets" "$mod" "$pkg" "$targets"
    done > "$OUT/lib/svm/builder-exports.args"
wc -l < "$OUT/lib/svm/builder-exports.args"
"$OUT/bin/native-image" --version
step_done
[ "$SKIP_STATIC" = 0 ] || INCOMPLETE+=("the JDK's static libraries (--skip-static-libs)")
if [ ${#INCOMPLETE[@]} -gt 0 ]; then
  echo "toolchain INCOMPLETE at $OUT: images compile (-H:+ExitAfterRelocatableImageWrite) but do not link. Missing:"
  printf '   - %s\n' "${INCOMPLETE[@]}"
  exit 4
fi
echo "toolchain ready: GRAALVM_HOME=$OUT"
