# The emulator's demo business as a managed client of token-service, connected through Google's OAuth flow (sourced
# by demo.sh and bench.sh, not run). Needs TOKENS, ADMIN_API_KEY and json().
# shellcheck shell=bash

DEMO_CLIENT_ID=123456789012-reviewfetcherdemo.apps.googleusercontent.com
DEMO_CLIENT_SECRET=GOCSPX-emulator-demo-secret   # the emulator's fake demo client, not a real secret

# connect_demo_client [name]: prints the client's id in token-service (registered once, then reused)
connect_demo_client() {
  local admin=(-H "X-API-Key: $ADMIN_API_KEY") client consent_url
  client=$(curl -sf "${admin[@]}" "$TOKENS/clients" | python3 -c "
import json,sys
for c in json.load(sys.stdin):
    if c['client_id'] == '$DEMO_CLIENT_ID': print(c['id']); break")
  if [ -z "$client" ]; then
    client=$(curl -sf "${admin[@]}" -H 'Content-Type: application/json' "$TOKENS/clients" -d "{
      \"client_id\": \"$DEMO_CLIENT_ID\", \"client_secret\": \"$DEMO_CLIENT_SECRET\",
      \"redirect_uri\": \"$TOKENS/auth/callback\", \"name\": \"${1:-Demo Dental Group}\"}" | json "d['id']")
  else
    # Seal the secret again under the current TOKEN_ENCRYPTION_KEY (a regenerated .secrets.env changes it).
    curl -sf -X PATCH "${admin[@]}" -H 'Content-Type: application/json' "$TOKENS/clients/$client" \
      -d "{\"client_secret\": \"$DEMO_CLIENT_SECRET\"}" >/dev/null
  fi
  # The consent URL goes to Google, which (emulated) consents at once and redirects back to token-service's
  # callback, which exchanges the code: curl follows the browser's path (without our key, which is not Google's).
  consent_url=$(curl -sf "${admin[@]}" "$TOKENS/oauth/start/$client" | json "d['auth_url']")
  [ "$(curl -sfL "$consent_url" | json "d['has_refresh_token']")" = True ] || { echo "client $client not connected" >&2; return 1; }
  echo "$client"
}
