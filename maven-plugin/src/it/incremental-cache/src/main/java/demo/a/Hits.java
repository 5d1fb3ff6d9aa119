package demo.a;

public class Hits {
  private int hits;

  public void run() {
    new Thread(() -> hits++).start();
    new Thread(() -> hits++).start();
  }
}
