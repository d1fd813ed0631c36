package dev.skein.testkit.keycloak;

import java.lang.management.ManagementFactory;
import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * One Keycloak per JVM with the {@link SkeinRealm} imported, started on first use (about half a
 * minute) and shared by every test class whatever class loader loaded it (published under
 * {@value #OBJECT_NAME} in the platform MBean server). It ends with the JVM.
 */
public final class SharedKeycloak {

    /** JMX name of the shared server. */
    public static final String OBJECT_NAME = "dev.skein.testkit:type=KeycloakServer,name=shared";

    private SharedKeycloak() {
    }

    /** The JVM's shared server, started (and given the skein realm) if no class loader did yet. */
    public static KeycloakControlMBean get() {
        MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = objectName();
        synchronized (SharedKeycloak.class) {
            if (!mbeans.isRegistered(name)) {
                KeycloakServer server = KeycloakServer.start();
                try {
                    server.importRealm(SkeinRealm.json());
                    mbeans.registerMBean(new KeycloakControl(server), name);
                } catch (InstanceAlreadyExistsException e) {
                    server.close();
                } catch (JMException | RuntimeException e) {
                    server.close();
                    throw new IllegalStateException("Could not start the shared Keycloak", e);
                }
            }
        }
        return JMX.newMBeanProxy(mbeans, name, KeycloakControlMBean.class);
    }

    /** Token requests against the shared server's skein realm. */
    public static KeycloakTokens tokens() {
        return new KeycloakTokens(issuer());
    }

    /** The issuer of the shared server's skein realm. */
    public static String issuer() {
        return get().getBaseUrl() + "/realms/" + SkeinRealm.NAME;
    }

    /** The shared server's admin API. */
    public static KeycloakAdmin admin() {
        return new KeycloakAdmin(get().getBaseUrl(), KeycloakServer.ADMIN, KeycloakServer.ADMIN);
    }

    private static ObjectName objectName() {
        try {
            return new ObjectName(OBJECT_NAME);
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }
}
