package dev.parley.localenv.provision;

import dev.parley.localenv.template.PhysicalIds;

import java.util.Set;

/** Creates one kind of CloudFormation resource in the local AWS emulator and records what Ref and GetAtt return. */
interface ResourceProvisioner {

    /** The CloudFormation types this provisioner creates, e.g. {@code AWS::DynamoDB::Table}. */
    Set<String> types();

    /** Creates the resource unless it already exists (provisioning may run again on the same moto). */
    void provision(String logicalId, TemplateProperties properties, PhysicalIds ids);

    /** The physical name CloudFormation would generate; the CDK app names nothing itself. */
    static String generatedName(String logicalId) {
        return "parley-" + logicalId;
    }
}
