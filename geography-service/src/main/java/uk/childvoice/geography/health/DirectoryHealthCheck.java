package uk.childvoice.geography.health;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import uk.childvoice.geography.service.GeographyDirectory;

/** Ready once a postcode index is loaded; reports its edition and size. */
@Readiness
@jakarta.enterprise.context.ApplicationScoped
public class DirectoryHealthCheck implements HealthCheck {
    private final GeographyDirectory directory;

    public DirectoryHealthCheck(GeographyDirectory directory) {
        this.directory = directory;
    }

    @Override
    public HealthCheckResponse call() {
        var index = directory.index();
        return HealthCheckResponse.named("postcode-directory")
                .status(index.size() > 0)
                .withData("edition", index.metadata().directoryEdition())
                .withData("postcodes", index.size())
                .build();
    }
}
