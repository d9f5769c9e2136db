// A throwaway service-account key pair for the fake Google (Meet and FCM; tests and npm run dev).
import { generateKeyPairSync } from 'node:crypto'

export function serviceAccountKeys() {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    serviceAccountEmail: 'phr-edge-meet@phr-edge-dev.iam.gserviceaccount.com',
    user: 'consultations@phr-edge.in',
    fcm: { serviceAccountEmail: 'phr-edge-push@phr-edge-dev.iam.gserviceaccount.com', projectId: 'phr-edge-dev' },
  }
}
