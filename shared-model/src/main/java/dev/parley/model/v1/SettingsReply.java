package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;


/** getSettings / updateSettings reply: {@code presenceVisible} (default true) shows online and last seen to people who share a conversation; {@code pushPreview} (default true) puts sender and text in pushes of conversations that are not end-to-end encrypted. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SettingsReply(boolean presenceVisible, boolean pushPreview) {
}
