package io.carbonpaper.model;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a tool logged that a run took place, as it wrote it: CodeCarbon's {@code country_iso_code}
 * (or {@code country_name}), {@code region}, {@code cloud_provider} and {@code cloud_region}. Not
 * yet matched against the grid catalog; the estimate uses it for the grid only where the settings
 * name none.
 *
 * @param tool          the tool that logged it ({@code codecarbon})
 * @param country       an ISO 3166 code or a country name ({@code DEU}, {@code Germany})
 * @param region        a part of the country, as the tool names it ({@code massachusetts})
 * @param cloudProvider {@code aws}, {@code gcp}, {@code azure}, when the tool found the run on a cloud
 * @param cloudRegion   the cloud's region ({@code us-central1}), with {@code cloudProvider}
 */
public record LoggedPlace(String tool, Optional<String> country, Optional<String> region, Optional<String> cloudProvider,
                          Optional<String> cloudRegion) {
    public LoggedPlace {
        Objects.requireNonNull(tool, "tool");
        country = country.map(String::strip).filter(s -> !s.isEmpty());
        region = region.map(String::strip).filter(s -> !s.isEmpty());
        cloudProvider = cloudProvider.map(String::strip).filter(s -> !s.isEmpty());
        cloudRegion = cloudRegion.map(String::strip).filter(s -> !s.isEmpty());
        if (country.isEmpty() && (cloudProvider.isEmpty() || cloudRegion.isEmpty()))
            throw new IllegalArgumentException("a place needs a country or a cloud provider and region");
    }

    /** Whether it names a cloud region ({@code cloudProvider} and {@code cloudRegion} both). */
    public boolean onCloud() { return cloudProvider.isPresent() && cloudRegion.isPresent(); }

    /** {@code gcp us-central1 (USA, iowa)}, {@code USA, massachusetts}, {@code DEU}: the place as logged, for notes. */
    public String describe() {
        String land = country.map(c -> c + region.map(r -> ", " + r).orElse("")).orElse("");
        if (!onCloud()) return land;
        return cloudProvider.get() + " " + cloudRegion.get() + (land.isEmpty() ? "" : " (" + land + ")");
    }
}
