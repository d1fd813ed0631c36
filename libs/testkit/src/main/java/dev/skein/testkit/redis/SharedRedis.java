package dev.skein.testkit.redis;

import java.lang.management.ManagementFactory;
import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * One Redis server per JVM, started on first use and shared by every test class whatever class
 * loader loaded it: it is published under {@value #OBJECT_NAME} in the platform MBean server, and
 * {@link #get()} returns a JMX proxy to it. The server ends with the JVM.
 */
public final class SharedRedis {

    /** JMX name of the shared server. */
    public static final String OBJECT_NAME = "dev.skein.testkit:type=RedisServer,name=shared";

    private SharedRedis() {
    }

    /**
     * The JVM's shared server, started if no class loader has started it yet. Its
     * {@link RedisControlMBean#stop()} affects every test of the JVM: restart it before the test
     * ends.
     */
    public static RedisControlMBean get() {
        MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = objectName();
        // Class-level lock of this loader's copy; tests of one JVM start their applications one
        // after another, so two loaders racing here does not happen in practice (and the loser's
        // registration fails cleanly below).
        synchronized (SharedRedis.class) {
            if (!mbeans.isRegistered(name)) {
                RedisServer server = RedisServer.start();
                try {
                    mbeans.registerMBean(new RedisControl(server), name);
                } catch (InstanceAlreadyExistsException e) {
                    server.close();
                } catch (JMException e) {
                    server.close();
                    throw new IllegalStateException("Could not publish the shared Redis", e);
                }
            }
        }
        return JMX.newMBeanProxy(mbeans, name, RedisControlMBean.class);
    }

    private static ObjectName objectName() {
        try {
            return new ObjectName(OBJECT_NAME);
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }
}
