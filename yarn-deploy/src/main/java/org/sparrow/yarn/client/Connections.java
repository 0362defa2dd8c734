package org.sparrow.yarn.client;

import org.apache.curator.framework.CuratorFramework;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.exceptions.ApplicationNotFoundException;
import org.sparrow.am.zk.ControlNode;
import org.sparrow.am.zk.DesiredState;
import org.sparrow.zk.ZkClients;

/** The client's connections: YARN (from the Hadoop configuration on the classpath) and ZooKeeper. */
final class Connections implements AutoCloseable {

  final Configuration conf;
  final YarnClient yarn;
  final CuratorFramework curator;
  final ControlNode control;
  final String cluster;

  Connections(String zookeeper, String cluster) {
    this.cluster = cluster;
    this.conf = new YarnConfiguration();
    this.yarn = YarnClient.createYarnClient();
    this.curator = ZkClients.newClient(zookeeper);
    this.control = new ControlNode(curator, cluster);
    try {
      yarn.init(conf);
      yarn.start();
      curator.start();
      ZkClients.awaitConnected(curator, 15_000);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** The deployment recorded for the cluster; the error says how to get one. */
  DesiredState deployment() throws Exception {
    return control.read().orElseThrow(() -> new IllegalStateException("no YARN deployment of cluster '" + cluster
        + "' is recorded in ZooKeeper at " + control.path() + " (submit one with: sparrow yarn submit --cluster "
        + cluster + ")"));
  }

  /** YARN's report; the error says so when the ResourceManager no longer knows the application. */
  ApplicationReport report(String applicationId) throws Exception {
    try {
      return yarn.getApplicationReport(ApplicationId.fromString(applicationId));
    } catch (ApplicationNotFoundException e) {
      throw new IllegalStateException("the ResourceManager does not know " + applicationId + ", recorded for cluster '"
          + cluster + "' at " + control.path() + "; it ended long ago or belongs to another YARN cluster "
          + "(sparrow yarn stop --kill removes the stale record)");
    }
  }

  @Override
  public void close() {
    control.close();
    curator.close();
    yarn.stop();
  }
}
