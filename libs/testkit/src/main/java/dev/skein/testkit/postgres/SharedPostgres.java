package dev.skein.testkit.postgres;

import java.lang.management.ManagementFactory;
import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * One PostgreSQL server per JVM, started on first use and shared by every test class whatever
 * class loader loaded it (published under {@value #OBJECT_NAME} in the platform MBean server).
 * It ends with the JVM.
 */
public final class SharedPostgres {

    /** JMX name of the shared server. */
    public static final String OBJECT_NAME = "dev.skein.testkit:type=PostgresServer,name=shared";

    private SharedPostgres() {
    }

    /** The JVM's shared server, started if no class loader has started it yet. */
    public static PostgresControlMBean get() {
        MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = objectName();
        synchronized (SharedPostgres.class) {
            if (!mbeans.isRegistered(name)) {
                PostgresServer server = PostgresServer.start();
                try {
                    mbeans.registerMBean(new PostgresControl(server), name);
                } catch (InstanceAlreadyExistsException e) {
                    server.close();
                } catch (JMException e) {
                    server.close();
                    throw new IllegalStateException("Could not publish the shared PostgreSQL", e);
                }
            }
        }
        return JMX.newMBeanProxy(mbeans, name, PostgresControlMBean.class);
    }

    private static ObjectName objectName() {
        try {
            return new ObjectName(OBJECT_NAME);
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }
}
