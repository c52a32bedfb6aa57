package dev.parley.localenv.provision;

import dev.parley.localenv.moto.LocalMoto;
import dev.parley.localenv.template.CloudTemplate;
import software.amazon.awssdk.regions.Region;

import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * A test template (a classpath resource) provisioned into the test class's moto ({@link LocalMoto}), with the
 * clients that provisioned it. Create it in {@code @BeforeAll}, close it in {@code @AfterAll}.
 */
public record ProvisionedTemplate(CloudTemplate template, ProvisioningClients clients, ProvisionedCloud cloud)
        implements AutoCloseable {

    public static ProvisionedTemplate of(String resource) {
        try {
            CloudTemplate template = CloudTemplate.read(Path.of(ProvisionedTemplate.class.getResource(resource).toURI()));
            ProvisioningClients clients = ProvisioningClients.forRegion(Region.of(LocalMoto.REGION));
            return new ProvisionedTemplate(template, clients, new TemplateProvisioner(clients, Region.of(LocalMoto.REGION)).provision(template));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(resource, e);
        }
    }

    /** Provisions the same template again, into the same moto. */
    public ProvisionedCloud provisionAgain() {
        return new TemplateProvisioner(clients, Region.of(LocalMoto.REGION)).provision(template);
    }

    @Override
    public void close() {
        clients.close();
    }
}
