package org.sparrow.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Executable;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Applications compile against JDK types and this package only, never Thrift or Sparrow internals. */
class PublicApiTest {

  private static final List<Class<?>> API = List.of(SparrowClient.class, SparrowClient.Builder.class,
      Job.class, Job.Builder.class, Task.class, JobResult.class, TaskResult.class,
      TaskResult.State.class, FrontendMessageListener.class, SparrowClientException.class,
      JobRejectedException.class);

  @Test
  void publicSignaturesUseOnlyJdkAndApiTypes() {
    List<String> leaks = new ArrayList<>();
    for (Class<?> c : API) {
      Stream.<Executable>concat(Stream.of(c.getDeclaredMethods()), Stream.of(c.getDeclaredConstructors()))
          .filter(m -> Modifier.isPublic(m.getModifiers()) && !m.isSynthetic())
          .forEach(m -> {
            List<Type> types = new ArrayList<>(List.of(m.getGenericParameterTypes()));
            if (m instanceof Method method) {
              types.add(method.getGenericReturnType());
            }
            types.forEach(t -> check(t, c.getSimpleName() + "." + m.getName(), leaks));
          });
      Stream.of(c.getDeclaredFields()).filter(f -> Modifier.isPublic(f.getModifiers()))
          .forEach(f -> check(f.getGenericType(), c.getSimpleName() + "." + f.getName(), leaks));
    }
    assertThat(leaks).isEmpty();
  }

  private static void check(Type type, String where, List<String> leaks) {
    if (type instanceof ParameterizedType p) {
      check(p.getRawType(), where, leaks);
      Stream.of(p.getActualTypeArguments()).forEach(a -> check(a, where, leaks));
    } else if (type instanceof GenericArrayType a) {
      check(a.getGenericComponentType(), where, leaks);
    } else if (type instanceof WildcardType w) {
      Stream.concat(Stream.of(w.getUpperBounds()), Stream.of(w.getLowerBounds()))
          .forEach(b -> check(b, where, leaks));
    } else if (type instanceof Class<?> c) {
      while (c.isArray()) {
        c = c.getComponentType();
      }
      String pkg = c.getPackageName();
      boolean ok = c.isPrimitive() || pkg.startsWith("java.") || pkg.equals("org.sparrow.client");
      if (!ok) {
        leaks.add(where + " uses " + c.getName());
      }
    } else if (!(type instanceof TypeVariable<?>)) {
      leaks.add(where + " uses " + type);
    }
  }
}
