import java.lang.classfile.*;
import java.lang.classfile.constantpool.*;
import java.net.URI;
import java.nio.file.*;
import java.util.*;
import java.util.jar.*;

/** Lists references from the given jars to jdk.vm.ci members that the running JDK's jdk.internal.vm.ci lacks. */
public class JvmciScan {
    static FileSystem jrt;
    static Map<String, ClassModel> cache = new HashMap<>();

    static ClassModel jdkClass(String internal) throws Exception {
        if (cache.containsKey(internal)) return cache.get(internal);
        ClassModel m = null;
        for (String mod : List.of("jdk.internal.vm.ci", "java.base")) {
            Path p = jrt.getPath("/modules/" + mod + "/" + internal + ".class");
            if (Files.exists(p)) { m = ClassFile.of().parse(Files.readAllBytes(p)); break; }
        }
        cache.put(internal, m);
        return m;
    }

    static boolean has(String owner, String name, String desc, boolean method) throws Exception {
        Deque<String> todo = new ArrayDeque<>(List.of(owner));
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            String c = todo.pop();
            if (!seen.add(c)) continue;
            ClassModel m = jdkClass(c);
            if (m == null) continue;
            if (method) {
                for (MethodModel mm : m.methods()) if (mm.methodName().equalsString(name) && mm.methodType().equalsString(desc)) return true;
            } else {
                for (FieldModel fm : m.fields()) if (fm.fieldName().equalsString(name) && fm.fieldType().equalsString(desc)) return true;
            }
            m.superclass().ifPresent(s -> todo.add(s.asInternalName()));
            m.interfaces().forEach(i -> todo.add(i.asInternalName()));
        }
        return false;
    }

    public static void main(String[] args) throws Exception {
        jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
        Map<String, Set<String>> missing = new TreeMap<>();
        int refs = 0;
        for (String jar : args) {
            try (JarFile jf = new JarFile(jar)) {
                for (JarEntry e : Collections.list(jf.entries())) {
                    if (!e.getName().endsWith(".class") || e.getName().contains("module-info") || e.getName().startsWith("META-INF/versions")) continue;
                    ClassModel cm = ClassFile.of().parse(jf.getInputStream(e).readAllBytes());
                    for (PoolEntry pe : cm.constantPool()) {
                        if (pe instanceof MemberRefEntry r && r.owner().asInternalName().startsWith("jdk/vm/ci/")) {
                            refs++;
                            String owner = r.owner().asInternalName();
                            boolean method = !(pe instanceof FieldRefEntry);
                            String key = owner + "." + r.name().stringValue() + r.type().stringValue();
                            if (jdkClass(owner) == null) key = owner + " (class missing)";
                            else if (has(owner, r.name().stringValue(), r.type().stringValue(), method)) continue;
                            missing.computeIfAbsent(key, k -> new TreeSet<>()).add(cm.thisClass().asInternalName());
                        } else if (pe instanceof ClassEntry ce && ce.asInternalName().startsWith("jdk/vm/ci/") && jdkClass(ce.asInternalName()) == null) {
                            missing.computeIfAbsent(ce.asInternalName() + " (class missing)", k -> new TreeSet<>()).add(cm.thisClass().asInternalName());
                        }
                    }
                }
            }
        }
        System.out.println(refs + " member references to jdk.vm.ci; missing in this JDK: " + missing.size());
        missing.forEach((k, v) -> System.out.println(k + "  <- " + v));
    }
}
