package demo.b;

public class Misses {
  private int misses;

  public void run() {
    new Thread(() -> misses++).start();
    new Thread(() -> misses++).start();
  }
}
