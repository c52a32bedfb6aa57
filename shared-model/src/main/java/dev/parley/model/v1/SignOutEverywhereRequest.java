package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;


/** signOutEverywhere: revoke every device of the caller, this one included, and end their Cognito sessions. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SignOutEverywhereRequest() {
}
