package io.forkcast.autopilot;

import org.springframework.data.jpa.repository.JpaRepository;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Every query names its tenant. */
interface SettingsRepository extends JpaRepository<AutopilotSettings, UUID> {
}
