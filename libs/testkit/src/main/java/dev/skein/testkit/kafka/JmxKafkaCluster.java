package dev.skein.testkit.kafka;

import java.util.Map;

import javax.management.AttributeNotFoundException;
import javax.management.InstanceNotFoundException;
import javax.management.JMRuntimeException;
import javax.management.MBeanException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.ReflectionException;
import javax.management.RuntimeErrorException;
import javax.management.RuntimeMBeanException;

/** A {@link KafkaCluster} that drives the shared broker through its MBean. */
final class JmxKafkaCluster implements KafkaCluster {

    private static final String[] NO_SIGNATURE = new String[0];

    private final MBeanServer server;
    private final ObjectName name;

    JmxKafkaCluster(MBeanServer server, ObjectName name) {
        this.server = server;
        this.name = name;
    }

    @Override
    public String bootstrapServers() {
        return (String) attribute("BootstrapServers");
    }

    @Override
    public boolean isRunning() {
        return (Boolean) attribute("Running");
    }

    @Override
    public void createTopics(Map<String, Integer> nameToPartitions) {
        invoke("createTopics", new Object[] {Map.copyOf(nameToPartitions)}, new String[] {Map.class.getName()});
    }

    @Override
    public void stop() {
        invoke("stop", null, NO_SIGNATURE);
    }

    @Override
    public void kill() {
        invoke("kill", null, NO_SIGNATURE);
    }

    @Override
    public void restart() {
        invoke("restart", null, NO_SIGNATURE);
    }

    @Override
    public void close() {
        invoke("close", null, NO_SIGNATURE);
    }

    @Override
    public String toString() {
        return "shared Kafka broker " + name;
    }

    private Object attribute(String attribute) {
        try {
            return server.getAttribute(name, attribute);
        } catch (AttributeNotFoundException | ReflectionException e) {
            throw new IllegalStateException("Shared Kafka broker has no attribute " + attribute, e);
        } catch (MBeanException e) {
            throw unwrap(e.getTargetException());
        } catch (InstanceNotFoundException e) {
            throw closed(e);
        } catch (JMRuntimeException e) {
            throw unwrap(e);
        }
    }

    private void invoke(String operation, Object[] params, String[] signature) {
        try {
            server.invoke(name, operation, params, signature);
        } catch (ReflectionException e) {
            throw new IllegalStateException("Shared Kafka broker has no operation " + operation, e);
        } catch (MBeanException e) {
            throw unwrap(e.getTargetException());
        } catch (InstanceNotFoundException e) {
            throw closed(e);
        } catch (JMRuntimeException e) {
            throw unwrap(e);
        }
    }

    private static IllegalStateException closed(InstanceNotFoundException e) {
        return new IllegalStateException("The shared Kafka broker was closed; call SharedKafkaBroker.get() again", e);
    }

    /** The broker's own exception, unwrapped from the MBean server's envelope. */
    private static RuntimeException unwrap(Throwable thrown) {
        Throwable cause = thrown;
        if (cause instanceof RuntimeMBeanException) {
            cause = ((RuntimeMBeanException) cause).getTargetException();
        } else if (cause instanceof RuntimeErrorException) {
            throw ((RuntimeErrorException) cause).getTargetError();
        }
        if (cause instanceof RuntimeException) {
            return (RuntimeException) cause;
        }
        return new IllegalStateException("Shared Kafka broker failed", cause);
    }
}
