import { clusterCounts } from './redis-health';

// CLUSTER NODES of a 3 + 3 cluster whose third primary was killed and replaced by its replica
const AFTER_FAILOVER = [
  'a1 127.0.0.1:7001@17001 myself,master - 0 0 1 connected 0-5460',
  'a2 127.0.0.1:7002@17002 master - 0 1 2 connected 5461-10922',
  'a3 127.0.0.1:7003@17003 master,fail - 1 1 3 disconnected',
  'b1 127.0.0.1:7004@17004 slave a1 0 1 1 connected',
  'b2 127.0.0.1:7005@17005 slave a2 0 1 2 connected',
  'b3 127.0.0.1:7006@17006 master - 0 1 7 connected 10923-16383',
].join('\n');

describe(clusterCounts.name, () => {
  it('counts the primaries serving slots and the replicas the cluster sees connected', () => {
    expect(clusterCounts(AFTER_FAILOVER)).toEqual({ primaries: 3, primariesUp: 3, replicasUp: 2 });
  });

  it('counts a primary flagged failing, before its replica took over, as not answering', () => {
    const suspected = AFTER_FAILOVER.replace(
      'a2 127.0.0.1:7002@17002 master - 0 1 2 connected',
      'a2 127.0.0.1:7002@17002 master,fail? - 0 1 2 disconnected',
    );
    expect(clusterCounts(suspected)).toEqual({ primaries: 3, primariesUp: 2, replicasUp: 2 });
  });
});
