package dev.parley.infra;

import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app. The cdk CLI runs it through {@code ./parley cdk-app}; the Maven build runs it in the
 * {@code package} phase. Both write {@code cdk.out/Parley.template.json} at the repository root.
 */
public final class ParleyApp {

    public static final String STACK_ID = "Parley";

    private ParleyApp() {
    }

    public static void main(String[] args) {
        try {
            RepositoryLayout repository = RepositoryLayout.locate();
            AppProps.Builder props = AppProps.builder().context(repository.cdkJsonContext());
            if (System.getenv("CDK_OUTDIR") == null) {
                // Run by hand: write where the CLI and local-env look rather than to a temp directory.
                props.outdir(repository.cloudAssemblyDirectory().toString());
            }
            App app = new App(props.build());
            createStack(app, repository);
            app.synth();
        } catch (IllegalStateException | IllegalArgumentException e) {
            // A setup or configuration mistake: the message says what to do, a stack trace would not.
            System.err.println("Parley CDK app: " + e.getMessage());
            System.exit(1);
        }
    }

    /** The stack as the app defines it, with settings from the app's context. */
    public static ParleyStack createStack(App app, RepositoryLayout repository) {
        ParleyConfig config = ParleyConfig.from(app.getNode()::tryGetContext, repository);
        return new ParleyStack(app, STACK_ID, StackProps.builder()
                .description("Parley: serverless messaging over API Gateway WebSockets")
                .build(), config);
    }
}
