package dev.skein.testkit.kafka;

import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * One Kafka broker per JVM, started on first use and shared by every test class, whatever class
 * loader loaded it.
 *
 * <p>Quarkus loads each test application in its own class loader, so a plain static field would
 * start one broker per application, and a test could kill a broker its application does not use.
 * Here the broker is started through the system class loader and published as an MBean under
 * {@value #OBJECT_NAME}; {@link #get()} returns a view that reaches it through the platform MBean
 * server. The broker runs until the JVM exits (or {@link KafkaCluster#close()}).
 */
public final class SharedKafkaBroker {

    /** JMX name of the shared broker. */
    public static final String OBJECT_NAME = "dev.skein.testkit:type=KafkaBroker,name=shared";

    private SharedKafkaBroker() {
    }

    /**
     * The JVM's shared broker, started (with {@link KafkaBroker.Options#defaults()}) if no class
     * loader has started it yet. Its {@link KafkaCluster#kill()} and {@link KafkaCluster#restart()}
     * affect every test of the JVM: restart it before the test ends.
     */
    public static KafkaCluster get() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = objectName();
        if (!server.isRegistered(name)) {
            startThroughLongestLivedLoader();
        }
        return new JmxKafkaCluster(server, name);
    }

    static ObjectName objectName() {
        try {
            return new ObjectName(OBJECT_NAME);
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void startThroughLongestLivedLoader() {
        try {
            Method ensureStarted = hostClass().getDeclaredMethod("ensureStarted");
            // The host class is package-private; in another loader it is another runtime package.
            ensureStarted.setAccessible(true);
            ensureStarted.invoke(null);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IllegalStateException("Could not start the shared Kafka broker", cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Could not start the shared Kafka broker", e);
        }
    }

    private static Class<?> hostClass() {
        try {
            return Class.forName(SharedBrokerHost.class.getName(), true, ClassLoader.getSystemClassLoader());
        } catch (ClassNotFoundException e) {
            // The testkit is not on the JVM's classpath (an unusual launcher): use this loader.
            return SharedBrokerHost.class;
        }
    }
}
