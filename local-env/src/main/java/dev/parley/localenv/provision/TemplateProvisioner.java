package dev.parley.localenv.provision;

import dev.parley.localenv.template.CloudTemplate;
import dev.parley.localenv.template.IntrinsicResolver;
import dev.parley.localenv.template.PhysicalIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.regions.Region;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Creates the template's stateful resources in the local AWS emulator through the real SDK:
 * DynamoDB tables, Cognito user pools and app clients, SQS queues, SNS platform applications
 * (the {@code Custom::PushPlatformApplication} resources that declare them), S3 buckets and their
 * notifications to queues, then the demo users. CloudFront and its signing key are AWS-only
 * ({@link NotEmulatedResources}). The CDK app is the
 * only definition; nothing here names a table or a pool.
 *
 * <p>Resources are created kind by kind in dependency order (tables, pools, clients that
 * {@code Ref} their pool, queues, platform applications); within a kind, a resource comes after
 * those it references (a dead-letter queue before the queues that redrive to it). Types no provisioner knows (the API, functions, roles: the gateway
 * emulator reads those from the template itself) are skipped with one log line.
 */
public final class TemplateProvisioner {
    private static final Logger LOG = LoggerFactory.getLogger(TemplateProvisioner.class);
    private static final String USER_POOL = "AWS::Cognito::UserPool";
    private static final String USER_POOL_CLIENT = "AWS::Cognito::UserPoolClient";

    private final ProvisioningClients clients;
    private final Region region;
    private final List<ResourceProvisioner> provisioners;

    public TemplateProvisioner(ProvisioningClients clients, Region region) {
        this.clients = clients;
        this.region = region;
        this.provisioners = List.of(
                // First: anything resolved later must know these resources exist on AWS only.
                new NotEmulatedResources(),
                new DynamoDbTableProvisioner(clients.dynamoDb()),
                new UserPoolProvisioner(clients.cognito(), region),
                new UserPoolClientProvisioner(clients.cognito()),
                new SqsQueueProvisioner(clients.sqs()),
                new PlatformApplicationProvisioner(clients.sns()),
                new S3BucketProvisioner(clients.s3(), region.id()),
                new S3BucketNotificationsProvisioner(clients.s3()));
    }

    public ProvisionedCloud provision(CloudTemplate template) {
        String accountId = clients.sts().getCallerIdentity().account();
        PhysicalIds ids = new PhysicalIds();
        IntrinsicResolver resolver = new IntrinsicResolver(ids, region.id(), accountId);
        for (ResourceProvisioner provisioner : provisioners) {
            dependenciesFirst(template.resources().values().stream()
                    .filter(resource -> provisioner.types().contains(resource.type())).toList())
                    .forEach(resource -> provisioner.provision(resource.logicalId(),
                            new TemplateProperties(resource.properties(), resolver), ids));
        }
        logSkippedTypes(template);

        DemoUserSeeder seeder = new DemoUserSeeder(clients.cognito());
        List<String> poolIds = template.resourcesOfType(USER_POOL).keySet().stream().map(id -> ids.ref(id).orElseThrow()).toList();
        List<List<DemoUser.Login>> logins = poolIds.stream().map(poolId -> seeder.seed(poolId, DemoUser.ALL)).toList();
        String clientId = template.resourcesOfType(USER_POOL_CLIENT).keySet().stream()
                .findFirst().flatMap(ids::ref).orElse(null);
        LOG.info("provisioned from template resources={} userPools={} accountId={}",
                template.resources().size(), poolIds.size(), accountId);
        return new ProvisionedCloud(ids, resolver, accountId, poolIds.isEmpty() ? null : poolIds.getFirst(), clientId,
                logins.isEmpty() ? List.of() : logins.getFirst());
    }

    /** One kind's resources, each after those of the same kind it references (a queue after its dead-letter queue). */
    static List<CloudTemplate.Resource> dependenciesFirst(List<CloudTemplate.Resource> resources) {
        Set<String> sameKind = resources.stream().map(CloudTemplate.Resource::logicalId).collect(Collectors.toSet());
        List<CloudTemplate.Resource> pending = new ArrayList<>(resources);
        List<CloudTemplate.Resource> ordered = new ArrayList<>();
        Set<String> done = new HashSet<>();
        while (!pending.isEmpty()) {
            List<CloudTemplate.Resource> ready = pending.stream()
                    .filter(r -> CloudTemplate.references(r.properties()).stream()
                            .filter(id -> sameKind.contains(id) && !id.equals(r.logicalId())).allMatch(done::contains))
                    .toList();
            if (ready.isEmpty()) {
                throw new IllegalStateException("circular references among "
                        + pending.stream().map(CloudTemplate.Resource::logicalId).toList());
            }
            ready.forEach(r -> done.add(r.logicalId()));
            ordered.addAll(ready);
            pending.removeAll(ready);
        }
        return ordered;
    }

    private void logSkippedTypes(CloudTemplate template) {
        Map<String, Integer> skipped = new TreeMap<>();
        template.resources().values().stream()
                .map(CloudTemplate.Resource::type)
                .filter(type -> provisioners.stream().noneMatch(p -> p.types().contains(type)))
                .forEach(type -> skipped.merge(type, 1, Integer::sum));
        if (!skipped.isEmpty()) {
            LOG.info("not provisioned in moto (emulated elsewhere or not needed locally) types={}", skipped);
        }
    }
}
