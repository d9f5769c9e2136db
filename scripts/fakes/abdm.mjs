// Fake ABDM: the gateway session, the public certificates and the ABHA login-OTP flows of ABDM's
// v3 APIs (PHR-app login by ABHA address or by mobile, profile login by ABHA number), with the same
// paths, headers and bodies. A login by mobile lists every ABHA address on that number with a
// short-lived transfer token (T-token); `…/login/verify/user` exchanges it for the chosen one's. It holds its own RSA key pair and decrypts the login id and OTP
// exactly as ABDM does (RSA/ECB/OAEPWithSHA-1AndMGF1Padding), so a wrong cipher fails here too.
import { constants, generateKeyPairSync, privateDecrypt, randomInt, randomUUID } from 'node:crypto'
import { consentManager } from './abdm-consents.mjs'
import { dataFlow } from './abdm-dataflow.mjs'
import { gatewayLinking } from './abdm-linking.mjs'
import { startFakeServer } from './server.mjs'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/

// The Verma family's home, on every one of their ABHA accounts.
const vermaHome = {
  middleName: '',
  lastName: 'Verma',
  mobile: '9876500001',
  address: '12, MG Road',
  pincode: '411001',
  stateName: 'MAHARASHTRA',
  districtName: 'PUNE',
}

export const demoAbhaAccounts = [
  {
    ...vermaHome,
    abhaNumber: '91-1111-2222-3333',
    abhaAddress: 'asha.verma@sbx',
    firstName: 'Asha',
    gender: 'F',
    yearOfBirth: '1990',
    monthOfBirth: '4',
    dayOfBirth: '12',
    email: 'asha.verma@example.in',
  },
  // Two more ABHA accounts on Asha's mobile, as ABDM allows: her father's, and her son's
  // self-declared address (no ABHA number, KYC pending). A login by that mobile lists all three.
  {
    ...vermaHome,
    abhaNumber: '91-1111-2222-4444',
    abhaAddress: 'ramesh.verma@sbx',
    firstName: 'Ramesh',
    gender: 'M',
    yearOfBirth: '1956',
    monthOfBirth: '9',
    dayOfBirth: '3',
    email: null,
  },
  {
    ...vermaHome,
    abhaNumber: null,
    abhaAddress: 'aarav.verma@sbx',
    firstName: 'Aarav',
    gender: 'M',
    yearOfBirth: '2017',
    monthOfBirth: '8',
    dayOfBirth: '14',
    email: null,
  },
]
export async function startFakeAbdm({
  clientId,
  clientSecret,
  cmId = 'sbx',
  accounts = demoAbhaAccounts,
  transferSeconds = 300,
  // Where the gateway's callbacks go (npm run dev: the Worker); without it they wait in /_fake/callbacks.
  bridgeUrl = undefined,
  port = 0,
  log = (_line) => {},
}) {
  // A restart of ABDM (POST /_fake/restart) makes a new key pair and forgets every session.
  let privateKey, publicKeyBase64
  const newKeys = () => {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 })
    privateKey = pair.privateKey
    publicKeyBase64 = pair.publicKey.export({ type: 'spki', format: 'der' }).toString('base64')
  }
  newKeys()
  const known = [...accounts]
  const sessions = new Set()
  const xTokens = new Map() // token -> account
  const transferTokens = new Map() // T-token of a login by mobile -> {txnId, accounts, expiresAt}
  const refreshTokens = new Map() // refresh token (R-token) -> account; rotated on use
  const issueRefresh = (account) => {
    const token = `r-${randomUUID()}`
    refreshTokens.set(token, account)
    return token
  }
  const transactions = new Map() // txnId -> {account, otp, flow, attempts}
  const sentOtps = [] // newest first: {loginId, otp, txnId}

  const decrypt = (value) => {
    try {
      return privateDecrypt(
        { key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' },
        Buffer.from(value, 'base64'),
      ).toString('utf8')
    } catch {
      return undefined
    }
  }
  const headerProblem = (headers, { session = true } = {}) => {
    if (!UUID.test(headers['request-id'] ?? '')) return 'REQUEST-ID must be a UUID'
    if (!ISO_UTC.test(headers['timestamp'] ?? '')) return 'TIMESTAMP must be an ISO-8601 UTC time'
    if (headers['x-cm-id'] !== cmId) return `X-CM-ID must be ${cmId}`
    if (session && !sessions.has((headers.authorization ?? '').replace(/^Bearer /, '')))
      return 'Authorization must carry a gateway session token'
    return undefined
  }
  const abdmError = (status, code, message) => [status, { code, message }]
  const find = (loginHint, loginId) =>
    known.filter((a) =>
      loginHint === 'abha-number'
        ? a.abhaNumber?.replace(/-/g, '') === loginId.replace(/-/g, '')
        : loginHint === 'mobile-number'
          ? a.mobile === loginId
          : a.abhaAddress === loginId.toLowerCase(),
    )
  const hints = { phr: ['abha-address', 'mobile-number'], profile: ['abha-number'] }

  const requestOtp =
    (flow, scope) =>
    ({ headers, body }) => {
      const problem = headerProblem(headers)
      if (problem) return abdmError(problem.startsWith('Authorization') ? 401 : 400, 'ABDM-1006', problem)
      if (JSON.stringify(body?.scope) !== JSON.stringify(scope)) return abdmError(400, 'ABDM-1107', 'Invalid combinations of scopes')
      if (!hints[flow].includes(body?.loginHint)) return abdmError(400, 'ABDM-9999', 'Invalid Login Hint')
      if (body?.otpSystem !== 'abdm') return abdmError(400, 'ABDM-1006', 'Invalid Otp System')
      const loginId = decrypt(body?.loginId ?? '')
      if (!loginId) return abdmError(400, 'ABDM-1204', 'Unable to decrypt loginId')
      if (body.loginHint === 'mobile-number' && !/^[6-9]\d{9}$/.test(loginId)) return abdmError(400, 'ABDM-1006', 'Invalid mobile number')
      const accounts = find(body.loginHint, loginId)
      if (accounts.length === 0)
        return abdmError(400, 'ABDM-9999', body.loginHint === 'mobile-number' ? 'User not found' : 'Invalid LoginId')
      const txnId = randomUUID()
      const otp = String(randomInt(0, 1_000_000)).padStart(6, '0')
      transactions.set(txnId, { account: accounts[0], accounts, byMobile: body.loginHint === 'mobile-number', otp, flow })
      sentOtps.unshift({ loginId, otp, txnId })
      log(`[fake ABDM] OTP ${otp} for ${loginId}`)
      return [200, { txnId, message: `OTP is sent to Mobile number ending with ******${accounts[0].mobile.slice(-4)}` }]
    }

  const verify =
    (flow, scope) =>
    ({ headers, body }) => {
      const problem = headerProblem(headers)
      if (problem) return abdmError(problem.startsWith('Authorization') ? 401 : 400, 'ABDM-1006', problem)
      if (JSON.stringify(body?.scope) !== JSON.stringify(scope)) return abdmError(400, 'ABDM-1107', 'Invalid combinations of scopes')
      const otpData = body?.authData?.otp
      if (JSON.stringify(body?.authData?.authMethods) !== '["otp"]' || !otpData) return abdmError(400, 'ABDM-1006', 'Invalid Auth Methods')
      const txn = transactions.get(otpData.txnId)
      if (!txn || txn.flow !== flow) return [400, [{ code: 'ABDM-9999', message: 'Invalid Transaction Id' }]]
      const otp = decrypt(otpData.otpValue ?? '')
      if (otp !== txn.otp)
        return [200, { txnId: otpData.txnId, message: 'OTP did not match, please try again', authResult: 'failed', users: [] }]
      transactions.delete(otpData.txnId)
      const user = (a) => ({
        abhaAddress: a.abhaAddress,
        fullName: `${a.firstName} ${a.lastName}`,
        abhaNumber: a.abhaNumber ?? null,
        status: 'ACTIVE',
        kycStatus: a.abhaNumber ? 'VERIFIED' : 'PENDING',
      })
      if (txn.byMobile) {
        // Every address on the number, and a transfer token for POST …/login/verify/user (300 s).
        const token = `t-${randomUUID()}`
        transferTokens.set(token, { txnId: otpData.txnId, accounts: txn.accounts, expiresAt: Date.now() + transferSeconds * 1000 })
        return [
          200,
          {
            txnId: otpData.txnId,
            authResult: 'success',
            message: 'OTP verified successfully',
            users: txn.accounts.map(user),
            tokens: { token, expiresIn: transferSeconds },
          },
        ]
      }
      const token = `x-${randomUUID()}`
      xTokens.set(token, txn.account)
      const a = txn.account
      if (flow === 'profile') {
        return [
          200,
          {
            txnId: otpData.txnId,
            authResult: 'success',
            message: 'OTP verified successfully',
            token,
            expiresIn: 1800,
            refreshToken: issueRefresh(a),
            refreshExpiresIn: 1296000,
            accounts: [
              { ABHANumber: a.abhaNumber, preferredAbhaAddress: a.abhaAddress, name: `${a.firstName} ${a.lastName}`, status: 'ACTIVE' },
            ],
          },
        ]
      }
      return [
        200,
        {
          txnId: otpData.txnId,
          authResult: 'success',
          message: 'OTP verified successfully',
          users: [user(a)],
          tokens: { token, expiresIn: 1800, refreshToken: issueRefresh(a), refreshExpiresIn: 1296000 },
        },
      ]
    }

  // The address the person picked from a login by mobile: its own user token (X-token).
  const verifyUser = ({ headers, body }) => {
    const problem = headerProblem(headers)
    if (problem) return abdmError(problem.startsWith('Authorization') ? 401 : 400, 'ABDM-1006', problem)
    const transfer = transferTokens.get((headers['t-token'] ?? '').replace(/^Bearer /, ''))
    if (!transfer || transfer.expiresAt <= Date.now()) return [401, '']
    if (body?.txnId !== transfer.txnId) return [400, [{ code: 'ABDM-9999', message: 'Invalid Transaction Id' }]]
    const account = transfer.accounts.find((a) => a.abhaAddress === String(body?.abhaAddress ?? '').toLowerCase())
    if (!account) return abdmError(400, 'ABDM-9999', 'Invalid ABHA Address')
    const token = `x-${randomUUID()}`
    xTokens.set(token, account)
    return [200, { token, expiresIn: 1800, refreshToken: issueRefresh(account), refreshExpiresIn: 1296000 }]
  }

  // ABDM's PHR refresh: a new user token for the refresh token in `R-token` (which is rotated).
  const refreshUserToken = ({ headers }) => {
    const problem = headerProblem(headers)
    if (problem) return abdmError(problem.startsWith('Authorization') ? 401 : 400, 'ABDM-1006', problem)
    const presented = (headers['r-token'] ?? '').replace(/^Bearer /, '')
    const account = refreshTokens.get(presented)
    if (!account) return abdmError(401, 'ABDM-1094', 'Invalid R-Token')
    refreshTokens.delete(presented)
    const token = `x-${randomUUID()}`
    xTokens.set(token, account)
    return [200, { token, expiresIn: 1800, refreshToken: issueRefresh(account), refreshExpiresIn: 1296000 }]
  }

  const userOf = (header) => xTokens.get(header.replace(/^Bearer /, ''))
  const consents = consentManager({ headerProblem, userOf })
  const linking = gatewayLinking({ headerProblem, userOf, cmId, bridgeUrl, log, sentOtps })
  const flow = dataFlow({ headerProblem, consents, linking, bridgeUrl, log })

  const profile =
    (flow) =>
    ({ headers }) => {
      const problem = headerProblem(headers)
      if (problem) return abdmError(problem.startsWith('Authorization') ? 401 : 400, 'ABDM-1006', problem)
      const account = xTokens.get((headers['x-token'] ?? '').replace(/^Bearer /, ''))
      if (!account) return abdmError(401, 'ABDM-1094', 'Invalid X-Token')
      const common = {
        firstName: account.firstName,
        middleName: account.middleName,
        lastName: account.lastName,
        gender: account.gender,
        yearOfBirth: account.yearOfBirth,
        monthOfBirth: account.monthOfBirth,
        dayOfBirth: account.dayOfBirth,
        mobile: account.mobile,
        email: account.email,
        address: account.address,
        stateName: account.stateName,
        districtName: account.districtName,
      }
      return flow === 'profile'
        ? [
            200,
            {
              ABHANumber: account.abhaNumber,
              preferredAbhaAddress: account.abhaAddress,
              name: `${account.firstName} ${account.lastName}`,
              pincode: account.pincode,
              ...common,
            },
          ]
        : [
            200,
            {
              abhaAddress: account.abhaAddress,
              abhaNumber: account.abhaNumber,
              fullName: `${account.firstName} ${account.lastName}`,
              pinCode: account.pincode,
              ...common,
            },
          ]
    }

  const certificate = ({ headers }) => {
    const problem = headerProblem(headers, { session: false })
    if (problem) return abdmError(400, 'ABDM-1006', problem)
    return [200, { publicKey: publicKeyBase64, encryptionAlgorithm: 'RSA/ECB/OAEPWithSHA-1AndMGF1Padding' }]
  }

  const fake = await startFakeServer(
    'ABDM',
    {
      'POST /api/hiecm/gateway/v3/sessions': ({ headers, body }) => {
        const problem = headerProblem(headers, { session: false })
        if (problem) return abdmError(400, 'ABDM-1006', problem)
        if (body?.clientId !== clientId || body?.clientSecret !== clientSecret || body?.grantType !== 'client_credentials') {
          return abdmError(401, 'ABDM-1001', 'Invalid client credentials')
        }
        const accessToken = `s-${randomUUID()}`
        sessions.add(accessToken)
        return [200, { accessToken, expiresIn: 1200, refreshExpiresIn: 1800, refreshToken: `r-${randomUUID()}`, tokenType: 'bearer' }]
      },
      'GET /abha/api/v3/profile/public/certificate': certificate,
      'GET /abha/api/v3/phr/app/login/public/certificate': certificate,
      'POST /abha/api/v3/phr/app/login/request/otp': requestOtp('phr', ['abha-address-login', 'mobile-verify']),
      'POST /abha/api/v3/phr/app/login/verify': verify('phr', ['abha-address-login', 'mobile-verify']),
      'POST /abha/api/v3/phr/app/login/verify/user': verifyUser,
      'GET /abha/api/v3/phr/app/login/profile': profile('phr'),
      'POST /abha/api/v3/profile/login/request/otp': requestOtp('profile', ['abha-login', 'mobile-verify']),
      'POST /abha/api/v3/profile/login/verify': verify('profile', ['abha-login', 'mobile-verify']),
      'GET /abha/api/v3/profile/account': profile('profile'),
      'GET /abha/api/v3/phr/app/login/profile/request/token': refreshUserToken,
      ...consents.routes,
      ...linking.routes,
      ...flow.routes,
      '*': consents.byId,
      // Inspection: the OTPs ABDM "sent", newest first, and new accounts for tests.
      'GET /_fake/otps': ({ query }) => [
        200,
        sentOtps.filter((s) => !query.get('login_id') || s.loginId.replace(/-/g, '') === query.get('login_id').replace(/-/g, '')),
      ],
      'POST /_fake/accounts': ({ body }) => {
        known.push(body)
        return [201, body]
      },
      // The transfer tokens of logins by mobile expire now (as if the person took five minutes to choose).
      'POST /_fake/expire-transfer-tokens': () => {
        for (const transfer of transferTokens.values()) transfer.expiresAt = 0
        return [200, { expired: transferTokens.size }]
      },
      // A demo HIU asks this ABHA address for consent: {abhaAddress, hiTypes?, hips?: [{id, name}] ([] = any hospital)}.
      'POST /_fake/consent-requests': ({ body }) => {
        if (typeof body?.abhaAddress !== 'string' || !body.abhaAddress.includes('@')) return [400, { message: 'abhaAddress is required' }]
        return [201, consents.raise(body)]
      },
      // A demo HIU asks to subscribe: {abhaAddress, categories?, hiTypes?, hips?}.
      'POST /_fake/subscription-requests': ({ body }) => {
        if (typeof body?.abhaAddress !== 'string' || !body.abhaAddress.includes('@')) return [400, { message: 'abhaAddress is required' }]
        return [201, consents.subscribe(body)]
      },
      'GET /_fake/auto-approvals': ({ query }) => [200, consents.policiesOf(query.get('patient') ?? '')],
      // The next auto-approval policy {patient} asks for fails at ABDM (503).
      'POST /_fake/auto-approvals/refuse-next': ({ body }) => [
        200,
        { refusing: consents.refuseNextAutoApproval(String(body?.patient)) && body?.patient },
      ],
      // ABDM ends every user token now (as after 30 minutes); {refresh: true} ends the refresh tokens too.
      'POST /_fake/expire-user-tokens': ({ body }) => {
        xTokens.clear()
        if (body?.refresh) refreshTokens.clear()
        return [200, { expired: true }]
      },
      'POST /_fake/restart': () => {
        newKeys()
        sessions.clear()
        return [200, { restarted: true }]
      },
    },
    { port },
  )
  return fake
}
