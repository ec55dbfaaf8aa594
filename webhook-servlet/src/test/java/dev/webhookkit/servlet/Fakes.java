package dev.webhookkit.servlet;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * Minimal stand-ins for the container's interfaces in unit tests: only the methods a test names
 * answer, everything else throws. Real containers are used wherever behaviour depends on them.
 */
final class Fakes {
    private Fakes() {
    }

    static ServletContext servletContext(Map<String, Object> attributes) {
        Map<String, Object> copy = new HashMap<>(attributes);
        return (ServletContext) Proxy.newProxyInstance(Fakes.class.getClassLoader(), new Class<?>[] {ServletContext.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAttribute" -> copy.get((String) args[0]);
                    case "getAttributeNames" -> Collections.enumeration(copy.keySet());
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    static FilterConfig filterConfig(String name, Map<String, String> initParameters, ServletContext context) {
        return new FilterConfig() {
            @Override
            public String getFilterName() {
                return name;
            }

            @Override
            public ServletContext getServletContext() {
                return context;
            }

            @Override
            public String getInitParameter(String param) {
                return initParameters.get(param);
            }

            @Override
            public java.util.Enumeration<String> getInitParameterNames() {
                return Collections.enumeration(initParameters.keySet());
            }
        };
    }

    static ServletConfig servletConfig(String name, Map<String, String> initParameters, ServletContext context) {
        return new ServletConfig() {
            @Override
            public String getServletName() {
                return name;
            }

            @Override
            public ServletContext getServletContext() {
                return context;
            }

            @Override
            public String getInitParameter(String param) {
                return initParameters.get(param);
            }

            @Override
            public java.util.Enumeration<String> getInitParameterNames() {
                return Collections.enumeration(initParameters.keySet());
            }
        };
    }
}
