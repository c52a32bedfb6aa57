package dev.parley.localenv.provision;

import dev.parley.localenv.template.IntrinsicResolver;
import dev.parley.localenv.template.PhysicalIds;

import java.util.List;

/**
 * What provisioning created: the physical ids behind the template's logical ids, a resolver that
 * evaluates the template's intrinsics against them (function environments, for instance), and
 * the demo users' sign-in details.
 *
 * @param userPoolId       the template's first user pool, or null when it has none
 * @param userPoolClientId the template's first app client, or null when it has none
 */
public record ProvisionedCloud(PhysicalIds ids, IntrinsicResolver resolver, String accountId,
                               String userPoolId, String userPoolClientId, List<DemoUser.Login> demoUsers) {
}
