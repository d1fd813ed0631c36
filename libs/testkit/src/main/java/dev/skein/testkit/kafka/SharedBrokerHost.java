package dev.skein.testkit.kafka;

import java.lang.management.ManagementFactory;
import java.util.Map;

import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.NotCompliantMBeanException;
import javax.management.ObjectName;
import javax.management.StandardMBean;

/**
 * Owns the JVM's shared broker and publishes it as an MBean. {@link SharedKafkaBroker} loads this
 * class through the system class loader, which lives as long as the JVM, so the broker's code
 * stays loadable after the Quarkus class loader of the test that started it has been closed.
 */
final class SharedBrokerHost implements SharedKafkaBrokerMBean {

    /**
     * JVM-wide monitor: an interned string is the same object in every class loader, so two
     * loaders that both fall back to their own copy of this class still start one broker only.
     */
    private static final Object START_LOCK = SharedBrokerHost.class.getName().intern();

    private final KafkaBroker broker;
    private final ObjectName name;

    private SharedBrokerHost(KafkaBroker broker, ObjectName name) {
        this.broker = broker;
        this.name = name;
    }

    /** Starts and registers the shared broker unless it is registered already. */
    static void ensureStarted() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = SharedKafkaBroker.objectName();
        synchronized (START_LOCK) {
            if (server.isRegistered(name)) {
                return;
            }
            KafkaBroker broker = KafkaBroker.start(KafkaBroker.Options.defaults());
            try {
                server.registerMBean(new StandardMBean(new SharedBrokerHost(broker, name), SharedKafkaBrokerMBean.class), name);
            } catch (InstanceAlreadyExistsException | NotCompliantMBeanException | javax.management.MBeanRegistrationException e) {
                broker.close();
                throw new IllegalStateException("Could not register the shared Kafka broker as " + name, e);
            }
        }
    }

    @Override
    public String getBootstrapServers() {
        return broker.bootstrapServers();
    }

    @Override
    public String getDataDir() {
        return broker.dataDir().toString();
    }

    @Override
    public String getLogFile() {
        return broker.logFile().toString();
    }

    @Override
    public boolean isRunning() {
        return broker.isRunning();
    }

    @Override
    public void createTopics(Map<String, Integer> nameToPartitions) {
        broker.createTopics(nameToPartitions);
    }

    @Override
    public void stop() {
        broker.stop();
    }

    @Override
    public void kill() {
        broker.kill();
    }

    @Override
    public void restart() {
        broker.restart();
    }

    @Override
    public void close() {
        synchronized (START_LOCK) {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
            } catch (InstanceNotFoundException e) {
                // Already unregistered by an earlier close.
            } catch (JMException e) {
                throw new IllegalStateException("Could not unregister " + name, e);
            }
            broker.close();
        }
    }
}
