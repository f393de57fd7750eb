package org.insurwatch.jobs.rules.settings;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.insurwatch.jobs.InvalidConfigException;
import org.insurwatch.schema.control.RuleSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A version of the rule settings as a supervisor writes it, in YAML: what {@code rule-settings publish} reads.
 */
public final class RuleSettingsFile {
    public String version;
    public OffsetDateTime validFrom;
    public String publishedBy;
    public String reason = "";
    public List<String> disabledRules = new ArrayList<>();
    public Map<String, List<String>> disabledRulesByPoolingRegion = new HashMap<>();
    public Integer maxDaysOfSupply;
    public Duration lateUploadThreshold;
    public Double earlyRefillUsedShare;
    public Double priceRatio;
    public Integer priceMinSamples;
    public Period followUpWindow;
    public Map<String, Period> followUpWindowByPoolingRegion;

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Reads {@code file}; anything unreadable ends in one line that says what to fix. */
    public static RuleSettings load(Path file) {
        RuleSettingsFile parsed;
        try {
            parsed = YAML.readValue(Files.readString(file), RuleSettingsFile.class);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidConfigException(file + ": unknown key '" + e.getPropertyName() + "'");
        } catch (JsonMappingException e) {
            throw new InvalidConfigException(file + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidConfigException("cannot read rule settings " + file + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (parsed == null || parsed.version == null || parsed.validFrom == null || parsed.publishedBy == null) {
            throw new InvalidConfigException(file + ": give version, validFrom and publishedBy");
        }
        return parsed.toRecord();
    }

    private RuleSettings toRecord() {
        return RuleSettings.newBuilder().setVersion(version).setValidFrom(validFrom.toInstant()).setPublishedBy(publishedBy)
                .setReason(reason == null ? "" : reason)
                .setDisabledRules(disabledRules == null ? List.of() : disabledRules)
                .setDisabledRulesByPoolingRegion(disabledRulesByPoolingRegion == null ? Map.of() : disabledRulesByPoolingRegion)
                .setMaxDaysOfSupply(maxDaysOfSupply)
                .setLateUploadThresholdMillis(lateUploadThreshold == null ? null : lateUploadThreshold.toMillis())
                .setEarlyRefillUsedShare(earlyRefillUsedShare).setPriceRatio(priceRatio).setPriceMinSamples(priceMinSamples)
                .setFollowUpWindow(followUpWindow == null ? null : followUpWindow.toString())
                .setFollowUpWindowByPoolingRegion(followUpWindowByPoolingRegion == null ? null
                        : followUpWindowByPoolingRegion.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().toString())))
                .build();
    }
}
