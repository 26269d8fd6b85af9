#!/usr/bin/env bash
# Generates, from nothing, the EXAMPLE public-key infrastructure of three immigration agencies:
# Canada (CAN-IRCC), the United States (USA-USCIS) and a second United States agency (USA-CBP) that
# the tests use as a second partner. Every certificate says EXAMPLE in its subject; none of it may be
# used with real data.
#
# Per agency, under certs-example/<AGENCY>/:
#   ca/root-ca.pem            the agency's root CA (a partner's trust anchor)
#   ca/root-ca.crl.pem        the root's CRL (empty, valid for years)
#   ca/private/root-ca.key    the root CA key, kept only so operators can issue CRLs in the demo
#   certs/signing-ec.pem      gateway signing certificate, EC P-256   (digitalSignature, and the
#                             emailProtection extended key usage that message signing needs)
#   certs/encryption-ec.pem   gateway encryption certificate, EC P-256 (keyAgreement)
#   certs/signing-rsa.pem     gateway signing certificate, RSA 3072   (the same usages)
#   certs/encryption-rsa.pem  gateway encryption certificate, RSA 3072 (keyEncipherment)
#   certs/audit.pem           audit checkpoint signing certificate, EC P-256 (distinct from messaging keys)
#   certs/signing-ec-expired.pem  a signing certificate that expired in 2021: the demo partner signs one
#                             message with it, which the gateway must quarantine as CERT_EXPIRED
#   certs/tls.pem             TLS certificate of the agency's gateway, EC P-256, server and client
#                             authentication, for localhost: its broker's TLS transport, and its login
#                             to a partner's broker with a client certificate
#   gateway-keystore.p12      the gateway's messaging and TLS keys with their chains, one alias per
#                             file above (all but audit)
#   keystore.password         the keystore's password (an example; real deployments use a secret store)
#   audit-keystore.p12        the audit checkpoint key alone (alias audit), apart from the messaging keys
#   audit-keystore.password   its own password
#   archive.key               the evidence archive key, 32 random bytes in hex (docs/audit.md, "Evidence")
#
# Usage: certs-example/generate.sh [output-directory [agency-code...]]
#   (default: the folder of this script, every agency; name agencies to regenerate only those)
# Needs: openssl (3.x) and keytool (any JDK 17+).
set -euo pipefail

out=${1:-$(cd "$(dirname "$0")" && pwd)}
ca_days=7300     # 20 years
leaf_days=3650   # 10 years
expired="-startdate 20200101000000Z -enddate 20210101000000Z"   # the demo's expired signing certificate
crl_days=3650    # the example CRL stays fresh for 10 years so the demo keeps working

agency_dn() { # $1 agency code, $2 country (ISO 3166-1 alpha-2 for the C attribute), $3 organisation
  printf '/C=%s/O=EXAMPLE %s/organizationIdentifier=%s' "$2" "$3" "$1"
}

ca_config() { # $1 ca directory
  cat <<EOF
[ ca ]
default_ca = example_ca

[ example_ca ]
dir               = $1
database          = \$dir/index.txt
serial            = \$dir/serial
crlnumber         = \$dir/crlnumber
new_certs_dir     = \$dir/issued
certificate       = \$dir/root-ca.pem
private_key       = \$dir/private/root-ca.key
default_md        = sha384
default_crl_days  = $crl_days
policy            = policy_any
unique_subject    = no
copy_extensions   = none
email_in_dn       = no

[ policy_any ]
countryName             = supplied
organizationName        = supplied
organizationIdentifier  = optional
commonName              = supplied

[ root_ca ]
basicConstraints       = critical, CA:true
keyUsage               = critical, keyCertSign, cRLSign
subjectKeyIdentifier   = hash

[ crl_ext ]
authorityKeyIdentifier = keyid:always

[ signing ]
basicConstraints       = critical, CA:false
keyUsage               = critical, digitalSignature, nonRepudiation
extendedKeyUsage       = emailProtection
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always

[ audit ]
basicConstraints       = critical, CA:false
keyUsage               = critical, digitalSignature, nonRepudiation
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always

[ tls ]
basicConstraints       = critical, CA:false
keyUsage               = critical, digitalSignature
extendedKeyUsage       = serverAuth, clientAuth
subjectAltName         = DNS:localhost, IP:127.0.0.1
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always

[ encryption_rsa ]
basicConstraints       = critical, CA:false
keyUsage               = critical, keyEncipherment
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always

[ encryption_ec ]
basicConstraints       = critical, CA:false
keyUsage               = critical, keyAgreement
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always
EOF
}

new_key() { # $1 kind (ec|rsa|rsa4096), $2 file
  case $1 in
    ec)      openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$2" ;;
    rsa)     openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072 -out "$2" ;;
    rsa4096) openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:4096 -out "$2" ;;
  esac
}

issue() { # $1 agency dir, $2 name, $3 key kind, $4 extension section, $5 subject, [$6... validity options]
  local dir=$1 work=$1/work validity=("${@:6}") store=gateway-keystore.p12 password=keystore.password
  [[ ${#validity[@]} -gt 0 ]] || validity=(-days "$leaf_days")
  # The audit key lives apart from the messaging keys: its own keystore and password.
  [[ $2 == audit ]] && store=audit-keystore.p12 password=audit-keystore.password
  new_key "$3" "$work/$2.key"
  openssl req -new -key "$work/$2.key" -subj "$5" -out "$work/$2.csr"
  openssl ca -batch -notext -config "$work/ca.cnf" -extensions "$4" "${validity[@]}" \
    -in "$work/$2.csr" -out "$dir/certs/$2.pem" 2>/dev/null
  cat "$dir/certs/$2.pem" "$dir/ca/root-ca.pem" > "$work/$2.chain.pem"
  openssl pkcs12 -export -name "$2" -inkey "$work/$2.key" -in "$work/$2.chain.pem" \
    -passout "file:$dir/$password" -out "$work/$2.p12"
  keytool -importkeystore -noprompt -srckeystore "$work/$2.p12" -srcstoretype PKCS12 \
    -srcstorepass:file "$dir/$password" -destkeystore "$dir/$store" \
    -deststoretype PKCS12 -deststorepass:file "$dir/$password" >/dev/null 2>&1
}

agency() { # $1 agency code, $2 country alpha-2, $3 organisation name
  local dir=$out/$1 dn
  dn=$(agency_dn "$1" "$2" "$3")
  rm -rf "$dir"
  mkdir -p "$dir/ca/private" "$dir/ca/issued" "$dir/certs" "$dir/work"
  chmod 700 "$dir/ca/private"
  touch "$dir/ca/index.txt"
  echo 1000 > "$dir/ca/serial"
  echo 1000 > "$dir/ca/crlnumber"
  printf 'example-only-%s-not-a-secret\n' "$1" > "$dir/keystore.password"
  printf 'example-only-%s-audit-not-a-secret\n' "$1" > "$dir/audit-keystore.password"
  openssl rand -hex 32 > "$dir/archive.key"   # evidence archive key (docs/audit.md, "Evidence")
  printf 'example-only-%s-broker-login-not-a-secret\n' "$1" > "$dir/broker.password"   # its login to the other's broker
  ca_config "$dir/ca" > "$dir/work/ca.cnf"

  new_key rsa4096 "$dir/ca/private/root-ca.key"
  openssl req -new -x509 -key "$dir/ca/private/root-ca.key" -sha384 -days "$ca_days" \
    -subj "$dn/CN=EXAMPLE $1 Root CA - not for production" \
    -config "$dir/work/ca.cnf" -extensions root_ca -out "$dir/ca/root-ca.pem"

  issue "$dir" signing-ec     ec  signing        "$dn/CN=EXAMPLE $1 gateway signing (EC)"
  issue "$dir" encryption-ec  ec  encryption_ec  "$dn/CN=EXAMPLE $1 gateway encryption (EC)"
  issue "$dir" signing-rsa    rsa signing        "$dn/CN=EXAMPLE $1 gateway signing (RSA)"
  issue "$dir" encryption-rsa rsa encryption_rsa "$dn/CN=EXAMPLE $1 gateway encryption (RSA)"
  issue "$dir" audit          ec  audit          "$dn/CN=EXAMPLE $1 audit checkpoints"
  issue "$dir" tls            ec  tls            "$dn/CN=EXAMPLE $1 gateway TLS"
  issue "$dir" signing-ec-expired ec signing     "$dn/CN=EXAMPLE $1 gateway signing (EC, expired)" $expired

  openssl ca -batch -config "$dir/work/ca.cnf" -gencrl -crlexts crl_ext \
    -out "$dir/ca/root-ca.crl.pem" 2>/dev/null

  # The CA database stays so operators can revoke and reissue CRLs; loose leaf keys do not.
  rm -rf "$dir/work" "$dir/ca/issued" "$dir"/ca/*.old
  mkdir -p "$dir/ca/issued"
  touch "$dir/ca/issued/.keep"
}

missing_only() { # $1 agency code, $2 country alpha-2, $3 organisation name: adds to an existing agency the
  # certificates this script issues that it does not have yet, from its own CA, leaving the rest as it is
  local dir=$out/$1 dn
  dn=$(agency_dn "$1" "$2" "$3")
  mkdir -p "$dir/work"
  ca_config "$dir/ca" > "$dir/work/ca.cnf"
  [[ -f $dir/certs/tls.pem ]] || issue "$dir" tls ec tls "$dn/CN=EXAMPLE $1 gateway TLS"
  [[ -f $dir/certs/signing-ec-expired.pem ]] || issue "$dir" signing-ec-expired ec signing "$dn/CN=EXAMPLE $1 gateway signing (EC, expired)" $expired
  rm -rf "$dir/work" "$dir"/ca/*.old "$dir"/ca/issued/*.pem
}

signing_only() { # $1 agency code, $2 country alpha-2, $3 organisation name: reissues an existing agency's
  # message signing certificates from its own CA, with the usages this script gives them now
  local dir=$out/$1 dn alias
  dn=$(agency_dn "$1" "$2" "$3")
  mkdir -p "$dir/work"
  ca_config "$dir/ca" > "$dir/work/ca.cnf"
  for alias in signing-ec signing-rsa signing-ec-expired; do
    keytool -delete -alias "$alias" -keystore "$dir/gateway-keystore.p12" -storetype PKCS12 \
      -storepass:file "$dir/keystore.password" >/dev/null 2>&1 || true
  done
  issue "$dir" signing-ec  ec  signing "$dn/CN=EXAMPLE $1 gateway signing (EC)"
  issue "$dir" signing-rsa rsa signing "$dn/CN=EXAMPLE $1 gateway signing (RSA)"
  issue "$dir" signing-ec-expired ec signing "$dn/CN=EXAMPLE $1 gateway signing (EC, expired)" $expired
  rm -rf "$dir/work" "$dir"/ca/*.old "$dir"/ca/issued/*.pem
}

wanted() { # $1 agency code: chosen on the command line, or every agency when none is named
  [[ ${#only[@]} -eq 0 ]] || [[ " ${only[*]} " == *" $1 "* ]]
}

# GENERATE_MISSING_ONLY=1 adds to agencies generated earlier only the certificates they lack;
# GENERATE_SIGNING_ONLY=1 reissues their message signing certificates and nothing else.
make=agency
[[ ${GENERATE_MISSING_ONLY:-} == 1 ]] && make=missing_only
[[ ${GENERATE_SIGNING_ONLY:-} == 1 ]] && make=signing_only
only=("${@:2}")
wanted CAN-IRCC  && $make CAN-IRCC  CA "Immigration, Refugees and Citizenship Canada"
wanted USA-USCIS && $make USA-USCIS US "U.S. Citizenship and Immigration Services"
wanted USA-CBP   && $make USA-CBP   US "U.S. Customs and Border Protection"

echo "Example PKI written under $out (valid until $(date -u -d "+$leaf_days days" +%Y-%m-%d))"
