package io.carbonpaper.settings;

import io.carbonpaper.unit.Money;

import java.util.Objects;
import java.util.Optional;

/**
 * Servers the project owns (or could buy), for the cloud-versus-owned comparison: the
 * {@code owned:} block of carbonpaper.yaml. Strubell et al. (2019) priced an 8 x GTX 1080 Ti
 * server at about $20,000.
 *
 * @param accelerator          the accelerator model in each server, as the hardware catalog names it
 * @param acceleratorsPerServer accelerators in one server (at least 1)
 * @param servers              how many servers (at least 1)
 * @param purchasePerServer    the purchase price of one server
 * @param lifetimeYears        the years the purchase is written off over (more than 0)
 * @param hostingPerYear       hosting overhead per server and year (rack, cooling, staff), added to the purchase
 * @param hostingFraction      hosting overhead per year as a fraction of the purchase price, added too
 * @param utilisation          the share of the servers' hours spent on this project's work; empty means
 *                             the utilisation observed from the logs
 */
public record OwnedHardware(String accelerator, int acceleratorsPerServer, int servers, Money purchasePerServer,
                            double lifetimeYears, Money hostingPerYear, double hostingFraction,
                            Optional<Double> utilisation) {
    public OwnedHardware {
        Objects.requireNonNull(accelerator, "accelerator");
        Objects.requireNonNull(purchasePerServer, "purchasePerServer");
        Objects.requireNonNull(hostingPerYear, "hostingPerYear");
        if (acceleratorsPerServer < 1) throw new IllegalArgumentException("accelerators per server must be >= 1: " + acceleratorsPerServer);
        if (servers < 1) throw new IllegalArgumentException("servers must be >= 1: " + servers);
        if (!(lifetimeYears > 0)) throw new IllegalArgumentException("lifetime years must be > 0: " + lifetimeYears);
        if (!(hostingFraction >= 0)) throw new IllegalArgumentException("hosting fraction must be >= 0: " + hostingFraction);
        if (utilisation.isPresent() && !(utilisation.get() > 0 && utilisation.get() <= 1))
            throw new IllegalArgumentException("utilisation must be in (0, 1]: " + utilisation.get());
    }

    /** Accelerators in all the servers. */
    public int accelerators() { return acceleratorsPerServer * servers; }
}
