// OpenSSL's libcrypto: the same SHA-2 code as `openssl dgst`, so hashing runs at the floor.
#ifndef RENCAI_COPENSSL_SHIM_H
#define RENCAI_COPENSSL_SHIM_H
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>
#endif
