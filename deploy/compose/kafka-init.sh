#!/usr/bin/env bash
# The compose Kafka's topics (deploy/local/topics.txt), one SCRAM user per service (its password from
# KAFKA_PASSWORD_<USER>, e.g. KAFKA_PASSWORD_TRACKING_SERVICE) and their ACLs (kafka-acls.txt). Runs in the broker's
# network namespace and talks to its localhost-only admin listener; idempotent, so it runs at every `up`.
set -euo pipefail
bin=/opt/kafka/bin
admin=(--bootstrap-server 127.0.0.1:9094)

until "$bin/kafka-topics.sh" "${admin[@]}" --list >/dev/null 2>&1; do sleep 1; done

while read -r name partitions configs; do
  [[ -z $name || $name == \#* ]] && continue
  args=(--create --if-not-exists --topic "$name" --partitions "$partitions" --replication-factor 1)
  if [[ -n ${configs:-} ]]; then
    IFS=, read -ra pairs <<<"$configs"
    for pair in "${pairs[@]}"; do args+=(--config "$pair"); done
  fi
  "$bin/kafka-topics.sh" "${admin[@]}" "${args[@]}" >/dev/null
done </config/topics.txt

for user in $(awk '!/^#/ && NF {print $1}' /config/kafka-acls.txt | sort -u); do
  variable=KAFKA_PASSWORD_$(echo "$user" | tr '[:lower:]-' '[:upper:]_')
  password=${!variable:?set $variable}
  "$bin/kafka-configs.sh" "${admin[@]}" --alter --entity-type users --entity-name "$user" \
    --add-config "SCRAM-SHA-512=[password=$password]" >/dev/null
done

while read -r user operation resource; do
  [[ -z $user || $user == \#* ]] && continue
  case $resource in
    topic:*) target=(--topic "${resource#topic:}") ;;
    group:*) target=(--group "${resource#group:}" --resource-pattern-type prefixed)
             target[1]=${target[1]%\*} ;;
  esac
  "$bin/kafka-acls.sh" "${admin[@]}" --add --allow-principal "User:$user" --operation "$operation" \
    --operation Describe "${target[@]}" >/dev/null
done </config/kafka-acls.txt
echo "kafka: topics, users and ACLs in place"
