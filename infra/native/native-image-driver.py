#!/usr/bin/env python3
"""A small stand-in for GraalVM's `native-image` driver (com.oracle.svm.driver), which Maven Central does not
publish for 25.x. It takes the command line that Quarkus (and people) give `native-image`, turns the driver's
options into the builder's hosted options and starts com.oracle.svm.hosted.NativeImageGeneratorRunner from the
Maven Central svm jars on this toolchain's JDK (a copy of a JVMCI-enabled JDK, so that java.home/lib/static
holds the JDK's static libraries the image links).

What it covers is what Quarkus 3.33 passes and what the driver's own defaults are: @argfiles, -J<jvm option>,
-H:<hosted option>, -D<property>, --features, --initialize-at-{build,run}-time, --link-at-build-time, -march,
-O<level>, -g, -o, -jar, -cp, --enable-url-protocols / --enable-http(s), --exclude-config, the
`Args`/`JavaArgs` of every META-INF/native-image/**/native-image.properties on the class path, and --version in
the form Quarkus's GraalVM.Version parser accepts. An option it does not know stops it with a message (no
option is silently dropped, except the few listed in IGNORED, which are no-ops in 25.x).
"""
import os
import re
import shlex
import subprocess
import sys
import uuid
import zipfile

HOME = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))  # <home>/lib/svm/bin/.. -> see below
if os.path.basename(HOME) == "svm":  # the driver lives in <home>/lib/svm/bin
    HOME = os.path.dirname(os.path.dirname(HOME))


def read_release():
    props = {}
    with open(os.path.join(HOME, "release"), encoding="utf-8") as f:
        for line in f:
            if "=" in line:
                k, v = line.rstrip("\n").split("=", 1)
                props[k] = v.strip('"')
    return props


RELEASE = read_release()
GRAAL_VERSION = RELEASE["GRAALVM_VERSION"]          # e.g. 25.0.2 (the svm jars' version)
JAVA_RUNTIME_VERSION = RELEASE["JAVA_RUNTIME_VERSION"]  # e.g. 25.0.3+9-LTS (the JDK's)

# Options that are no-ops in 25.x (the builder says so itself when given them) or that only the real driver's
# bundle/server machinery reads.
IGNORED = {"--no-fallback", "--strict-image-heap", "--install-exit-handlers", "--report-unsupported-elements-at-runtime",
           "--allow-incomplete-classpath", "--enable-all-security-services", "--no-server", "-H:+ReportUnsupportedElementsAtRuntime"}


def version():
    build = JAVA_RUNTIME_VERSION.split("-")[0]  # 25.0.3+9
    print(f"native-image {GRAAL_VERSION} {RELEASE.get('JAVA_VERSION_DATE', '2026-01-20')}")
    print(f"GraalVM Runtime Environment GraalVM CE {build}.1 (build {build}-jvmci-b01)")
    print(f"Substrate VM GraalVM CE {build}.1 (build {build}, serial gc)")


def expand_argfiles(args):
    out = []
    for a in args:
        if a.startswith("@") and len(a) > 1:
            with open(a[1:], encoding="utf-8") as f:
                out.extend(expand_argfiles(shlex.split(f.read(), comments=False, posix=True)))
        else:
            out.append(a)
    return out


class Build:
    def __init__(self):
        self.jvm = []
        self.hosted = []
        self.cp = []
        self.main = None
        self.name = None
        self.path = os.getcwd()
        self.exclude = []  # (jar regex, resource regex)
        self.positional = []  # main class (unless -jar), then image name

    def add_cp(self, entry):
        for e in entry.split(os.pathsep):
            if e and e not in self.cp:
                self.cp.append(os.path.abspath(e))

    def option(self, a, it, origin):
        def value():
            return next(it)

        if a in IGNORED:
            return
        if a.startswith("-J"):
            self.jvm.append(a[2:])
        elif a.startswith("-H:"):
            self.hosted.append(a)
        elif a.startswith("-D"):
            self.jvm.append(a)
        elif a.startswith("--features="):
            self.hosted.append("-H:Features=" + a.split("=", 1)[1])
        elif a.startswith("--initialize-at-build-time"):
            v = a.split("=", 1)[1] if "=" in a else ""
            # the real driver's InitializationValueBuildTime: every comma-separated element gets its own suffix
            self.hosted.append("-H:ClassInitialization=" + ",".join(f"{e}:build_time" for e in v.split(",")))
        elif a.startswith("--initialize-at-run-time"):
            v = a.split("=", 1)[1] if "=" in a else ""
            self.hosted.append("-H:ClassInitialization=" + ",".join(f"{e}:run_time" for e in v.split(",")))
        elif a.startswith("--link-at-build-time"):
            v = a.split("=", 1)[1] if "=" in a else ""
            self.hosted.append(f"-H:LinkAtBuildTime={v}")
        elif a.startswith("--enable-url-protocols="):
            self.hosted.append("-H:EnableURLProtocols=" + a.split("=", 1)[1])
        elif a in ("--enable-http", "--enable-https"):
            self.hosted.append("-H:EnableURLProtocols=" + a[len("--enable-"):])
        elif a.startswith("--enable-monitoring"):
            v = a.split("=", 1)[1] if "=" in a else "heapdump,jfr,jvmstat,jmxserver,jmxclient,threaddump"
            self.hosted.append("-H:EnableMonitoringFeatures=" + v)
        elif a.startswith("--enable-native-access"):
            v = a.split("=", 1)[1] if "=" in a else value()
            self.hosted.append("-H:EnableNativeAccess=" + v)
        elif a.startswith("--add-exports") or a.startswith("--add-opens") or a.startswith("--add-reads"):
            opt, v = (a.split("=", 1) if "=" in a else (a, value()))
            key = {"--add-exports": "AddExports", "--add-opens": "AddOpens", "--add-reads": "AddReads"}[opt]
            self.hosted.append(f"-H:{key}={v}")
        elif a.startswith("-march="):
            self.hosted.append("-H:Microarchitecture=" + a.split("=", 1)[1])
        elif re.fullmatch(r"-O[0-9bs]", a):
            self.hosted.append("-H:Optimize=" + a[2:])
        elif a == "-g":
            self.hosted.append("-H:GenerateDebugInfo=2")
        elif a == "--verbose" or a == "-v":
            pass
        elif a.startswith("--gc="):
            gc = a.split("=", 1)[1]
            self.hosted.append({"serial": "-H:+UseSerialGC", "epsilon": "-H:+UseEpsilonGC"}[gc])
        elif a == "--static":
            self.hosted.append("-H:+StaticExecutable")
        elif a.startswith("--libc="):
            self.hosted.append("-H:UseLibC=" + a.split("=", 1)[1])
        elif a == "--shared":
            self.hosted.append("-H:+SharedLibrary")
        elif a.startswith("--exclude-config"):
            jar = value()
            res = value()
            self.exclude.append((re.compile(jar), re.compile(res)))
        elif a.startswith("--trace-class-initialization="):
            self.hosted.append("-H:TraceClassInitialization=" + a.split("=", 1)[1])
        elif a.startswith("--trace-object-instantiation="):
            self.hosted.append("-H:TraceObjectInstantiation=" + a.split("=", 1)[1])
        elif a.startswith("--parallelism="):
            self.hosted.append("-H:NumberOfThreads=" + a.split("=", 1)[1])
        elif a == "-o":
            out = value()
            self.path = os.path.dirname(os.path.abspath(out))
            self.name = os.path.basename(out)
        elif a in ("-cp", "-classpath", "--class-path"):
            self.add_cp(value())
        elif a == "-jar":
            self.jar(value())
        elif a.startswith("-E"):
            pass  # environment passed to the builder: the builder inherits ours
        elif a.startswith("-"):
            sys.exit(f"native-image (infra/native driver): unknown option {a} (from {origin})")
        else:
            self.positional.append(a)

    jar_given = False

    def jar(self, path):
        path = os.path.abspath(path)
        self.add_cp(path)
        with zipfile.ZipFile(path) as z:
            mf = z.read("META-INF/MANIFEST.MF").decode("utf-8")
        mf = re.sub(r"\r?\n ", "", mf)
        attrs = dict(re.findall(r"^([A-Za-z0-9_-]+): *(.*?)\r?$", mf, re.M))
        if "Main-Class" in attrs:
            self.main = attrs["Main-Class"]
        for e in attrs.get("Class-Path", "").split():
            self.add_cp(os.path.join(os.path.dirname(path), e))
        self.jar_given = True
        if self.name is None:
            self.name = os.path.basename(path)[:-4] if path.endswith(".jar") else os.path.basename(path)

    def properties_args(self):
        """The driver reads META-INF/native-image/**/native-image.properties of each class-path entry."""
        i = 0
        while i < len(self.cp):
            entry = self.cp[i]
            i += 1
            if not entry.endswith(".jar") or not os.path.isfile(entry):
                continue
            with zipfile.ZipFile(entry) as z:
                for n in z.namelist():
                    if not (n.startswith("META-INF/native-image/") and n.endswith("/native-image.properties")):
                        continue
                    if any(j.search(entry) and r.search("/" + n) for j, r in self.exclude):
                        continue
                    props = parse_properties(z.read(n).decode("utf-8"))
                    here = os.path.dirname(n)
                    for key in ("JavaArgs", "Args"):
                        if key in props:
                            val = props[key].replace("${.}", here)
                            toks = shlex.split(val)
                            if key == "JavaArgs":
                                self.jvm.extend(toks)
                            else:
                                it = iter(toks)
                                for t in it:
                                    self.option(t, it, f"{entry}!{n}")
                    if "ImageName" in props and self.name is None:
                        self.name = props["ImageName"]


def parse_properties(text):
    text = re.sub(r"\\\r?\n[ \t]*", "", text)
    props = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line[0] in "#!":
            continue
        m = re.match(r"([^=:\s]+)\s*[=:\s]\s*(.*)", line)
        if m:
            props[m.group(1)] = m.group(2)
    return props


def main(argv):
    args = expand_argfiles(argv)
    if "--version" in args or "-version" in args:
        version()
        return 0
    b = Build()
    it = iter(args)
    for a in it:
        b.option(a, it, "command line")
    pos = list(b.positional)
    if b.main is None and not b.jar_given and pos:
        b.main = pos.pop(0)
    if pos:
        b.name = pos.pop(0)
    if pos:
        sys.exit(f"native-image (infra/native driver): unexpected arguments {pos}")
    b.properties_args()
    if b.main is None and not any(h.startswith("-H:+SharedLibrary") for h in b.hosted):
        sys.exit("native-image (infra/native driver): no main class (give -jar or a class name)")
    name = b.name or (b.main.split(".")[-1].lower())

    java = os.path.join(HOME, "bin", "java")
    builder = os.path.join(HOME, "lib", "svm", "builder")
    jars = sorted(os.path.join(builder, j) for j in os.listdir(builder) if j.endswith(".jar"))
    compiler = [j for j in jars if os.path.basename(j).startswith("compiler-")]
    modpath = [j for j in jars if j not in compiler]
    clib = os.path.join(HOME, "lib", "svm", "clibraries", "linux-amd64")

    jvm = ["-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI", "-XX:-UseJVMCICompiler",
           "-XX:+UseParallelGC", "-Xss10m", "-XX:MaxRAMPercentage=80",
           "-Dgraalvm.ForcePolyglotInvalid=true", "-Dgraalvm.locatorDisabled=true",
           "-Dcom.oracle.graalvm.isaot=true", "-Dorg.graalvm.nativeimage.imagecode=buildtime",
           "-Djava.system.class.loader=com.oracle.svm.hosted.NativeImageSystemClassLoader",
           "-Djdk.internal.lambda.disableEagerInitialization=true",
           "-Djdk.internal.reflect.useNativeAccessOnly=true",
           "-Djava.lang.invoke.InnerClassLambdaMetafactory.initializeLambdas=false",
           "-Djava.lang.invoke.MethodHandle.DUMP_CLASS_FILES=false",
           f"-Dorg.graalvm.version={GRAAL_VERSION}",
           "-Dorg.graalvm.vendor=GraalVM Community (assembled by infra/native)",
           f"-Dorg.graalvm.vendorversion=GraalVM CE {GRAAL_VERSION}",
           "-Dnative-image.root=" + HOME,
           "--add-modules=ALL-DEFAULT",
           "--enable-native-access=ALL-UNNAMED,org.graalvm.nativeimage.builder,org.graalvm.truffle.compiler,jdk.graal.compiler",
           "@" + os.path.join(HOME, "lib", "svm", "builder-exports.args"),
           "--upgrade-module-path", os.pathsep.join(compiler),
           "--module-path", os.pathsep.join(modpath)]
    hosted = [f"-H:CLibraryPath={clib},{os.path.join(clib, 'glibc')}",
              f"-H:Path={b.path}", f"-H:Name={name}", "-H:FallbackThreshold=0",
              f"-H:ImageBuildID={uuid.uuid4()}"]
    if b.main:
        hosted.append(f"-H:Class={b.main}")
    cmd = [java] + jvm + b.jvm + ["--module", "org.graalvm.nativeimage.builder/com.oracle.svm.hosted.NativeImageGeneratorRunner",
                                  "-imagecp", os.pathsep.join(b.cp)] + hosted + b.hosted
    env = dict(os.environ)
    env.setdefault("JVMCI_VERSION_CHECK", "ignore")  # the Maven jars want the labs JDK's JVMCI build number
    if os.environ.get("NATIVE_IMAGE_DRIVER_TRACE"):
        print("native-image driver:", " ".join(shlex.quote(c) for c in cmd), file=sys.stderr)
    return subprocess.call(cmd, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
