package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;


/** typing reply: the indicator was passed on to the other members' live devices. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TypingReply() {
}
