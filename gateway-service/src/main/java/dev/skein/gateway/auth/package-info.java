/**
 * Who may use a connection and how: the access token is checked with quarkus-oidc when a
 * connection opens (JWKS signature, issuer, audience, expiry), the caller's role on the document
 * comes from auth-service (cached briefly), ACL change events downgrade or close live connections,
 * and a connection is closed with 4401 when its token expires. Switched off with
 * {@code skein.gateway.auth.enabled=false}.
 */
package dev.skein.gateway.auth;
